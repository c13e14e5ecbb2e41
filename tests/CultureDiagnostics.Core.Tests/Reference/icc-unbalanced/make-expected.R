# Makes expected.json: ICC(1) for the psychological-safety reference data (../psychological-safety/responses.csv,
# teams of 1 to 40) with the group size of an unbalanced one-way design, k0 = (N − Σ n_j² / N) / (J − 1)
# (Snedecor & Cochran; Bliese 2000 notes N/J overstates it when teams differ in size), from the mean squares of
# R's aov of scale score on team. Scale score: mean of the items answered, q1, q3 and q5 reversed as 8 − x.
# Also each team's mean reliability, and a small set of teams whose ICC(1) is below 0.
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
icc1 <- (msb - msw) / (msb + (k0 - 1) * msw)
# How reliable one team's mean is: ICC(1) stepped up to the team's size by Spearman–Brown (Bliese 2000), an ICC(1)
# below 0 read as 0 (no difference between teams beyond chance), as the literature treats it.
reliability <- function(n, icc) { icc <- max(icc, 0); n * icc / (1 + (n - 1) * icc) }
teams <- data.frame(team = as.integer(names(table(d$team))), n = n)
teams$mean_reliability <- sapply(teams$n, reliability, icc = icc1)
# Three teams whose means are the same: MSB = 0 < MSW, so ICC(1) is below 0.
alike <- data.frame(team = rep(1:3, c(3, 4, 5)), score = c(1, 7, 4, 1, 7, 4, 4, 2, 6, 4, 3, 5))
t2 <- summary(aov(score ~ factor(team), data = alike))[[1]]
n2 <- as.vector(table(alike$team)); k02 <- (sum(n2) - sum(n2^2) / sum(n2)) / (length(n2) - 1)
icc1_alike <- (t2[1, 3] - t2[2, 3]) / (t2[1, 3] + (k02 - 1) * t2[2, 3])
write_json(list(generator = R.version.string, msb = msb, msw = msw, k0 = k0, k_mean = N / J,
  icc1_k0 = icc1, icc2 = (msb - msw) / msb, teams = teams,
  alike = list(scores = alike, msb = t2[1, 3], msw = t2[2, 3], k0 = k02, icc1_k0 = icc1_alike,
               mean_reliability = sapply(n2, reliability, icc = icc1_alike))),
  "expected.json", digits = NA, pretty = TRUE, auto_unbox = TRUE)
