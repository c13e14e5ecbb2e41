# Makes expected.json: ICC(1) for the psychological-safety reference data (../psychological-safety/responses.csv,
# teams of 1 to 40) with the group size of an unbalanced one-way design, k0 = (N − Σ n_j² / N) / (J − 1)
# (Snedecor & Cochran; Bliese 2000 notes N/J overstates it when teams differ in size), from the mean squares of
# R's aov of scale score on team. Scale score: mean of the items answered, q1, q3 and q5 reversed as 8 − x.
# Run from this folder: Rscript make-expected.R   (R 4.2, jsonlite)
suppressMessages(library(jsonlite))
d <- read.csv("../psychological-safety/responses.csv")
items <- d[, paste0("q", 1:7)]
for (q in c("q1", "q3", "q5")) items[[q]] <- 8 - items[[q]]
d$score <- rowMeans(items, na.rm = TRUE)
d <- d[!is.nan(d$score), ]
table <- summary(aov(score ~ factor(team), data = d))[[1]]
msb <- table[1, 3]; msw <- table[2, 3]
n <- as.vector(table(d$team)); N <- sum(n); J <- length(n)
k0 <- (N - sum(n^2) / N) / (J - 1)
write_json(list(generator = R.version.string, msb = msb, msw = msw, k0 = k0, k_mean = N / J,
  icc1_k0 = (msb - msw) / (msb + (k0 - 1) * msw), icc2 = (msb - msw) / msb), "expected.json", digits = NA, pretty = TRUE, auto_unbox = TRUE)
