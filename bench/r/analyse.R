# The same statistics as `bench core`, computed by R on the CSV written by `bench export-csv`:
# for each leader-rated scale, psych::alpha, multilevel::rwg.j per team and ICC(1)/ICC(2) from the
# one-way ANOVA of scale score on team. Reading the file is not timed.
suppressPackageStartupMessages({ library(psych); library(multilevel) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
constructs <- unique(sub("__.*$", "", names(d)[-1]))
best <- Inf
for (run in 1:3) {
  t <- system.time(for (construct in constructs) {
    items <- d[, grep(paste0("^", construct, "__"), names(d)), drop = FALSE]
    a <- psych::alpha(items, warnings = FALSE, check.keys = FALSE)
    r <- multilevel::rwg.j(items, d$team, ranvar = (5^2 - 1) / 12)
    s <- rowMeans(items, na.rm = TRUE)
    m <- aov(s ~ as.factor(d$team))
    i1 <- multilevel::ICC1(m)
    i2 <- multilevel::ICC2(m)
  })
  best <- min(best, t[["elapsed"]])
}
cat(sprintf("r_seconds=%.3f scales=%d respondents=%d\n", best, length(constructs), nrow(d)))
