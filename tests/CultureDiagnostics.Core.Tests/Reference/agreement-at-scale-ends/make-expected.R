# Makes expected.json from responses.csv: awg (multilevel) per team over the four-item scale a1..a4, and the
# reliability of the two-item scale b1, b2 (psych::alpha, and Spearman–Brown from the pairwise correlation).
# Run from this folder: Rscript make-expected.R   (R 4.2, psych 2.2.9, multilevel 2.7, jsonlite)
suppressMessages({ library(psych); library(multilevel); library(jsonlite) })
d <- read.csv("responses.csv")
four <- d[, c("a1", "a2", "a3", "a4")]
agreement <- awg(four, d$team, range = c(1, 5))
two <- psych::alpha(d[, c("b1", "b2")], warnings = FALSE)
r <- cor(d$b1, d$b2, use = "pairwise")
out <- list(
  generator = paste0(R.version.string, "; psych ", packageVersion("psych"), "; multilevel ", packageVersion("multilevel")),
  awg = data.frame(team = as.integer(agreement$grpid), awg = ifelse(is.nan(agreement$a.wg), NA, agreement$a.wg)),
  two_item = list(
    alpha_raw = two$total$raw_alpha,
    alpha_standardised = two$total$std.alpha,
    items = data.frame(item = rownames(two$alpha.drop), alpha_if_deleted = two$alpha.drop$raw_alpha, r_drop = two$item.stats$r.drop),
    spearman_brown = 2 * r / (1 + r)))
write_json(out, "expected.json", digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE)
