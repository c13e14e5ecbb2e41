# Makes expected.json: agreement that can tell teams apart, for the psychological-safety data
# (../psychological-safety/responses.csv; q1, q3, q5 reversed as 8 - x).
# - The slightly skewed null: Kozlowski and Hults's five-point slight skew (.05 .15 .20 .35 .25), read as a
#   distribution over the answer range and cut into A equal parts; its variance for 4 to 11 options.
# - Per team, rwg(j) against that null, each item over the answers it has (as the reference's rwg_j), checked against
#   multilevel::rwg.j(ranvar = ) on the team's complete respondents; AD(M)(J) with multilevel::ad.m(type = "mean")
#   (which keeps complete respondents only).
# - The rwg(j) that 95% of random teams stay at or below: multilevel::rwg.j.sim(nrep = 10000) for each team size that
#   occurs (scored respondents: at least 4 of the 7 items answered) and a few more sizes, items and options (teams of
#   60 to 200 check the platform's gamma approximation for teams above 50), with the distribution-free 95% interval of
#   that quantile from the order statistics, so a test can allow for simulation error.
# Run from this folder: Rscript make-expected.R   (R 4.2, multilevel 2.7, jsonlite). Takes about ten minutes.
suppressMessages({ library(multilevel); library(jsonlite) })
set.seed(20261127)
d <- read.csv("../psychological-safety/responses.csv")
items <- paste0("q", 1:7)
for (q in c("q1", "q3", "q5")) d[[q]] <- 8 - d[[q]]

cut_points <- c(0, .05, .20, .40, .75, 1)
skew_shares <- function(A) diff(approx(seq(0, 1, by = .2), cut_points, xout = (0:A) / A)$y)
skew_variance <- function(A) { p <- skew_shares(A); m <- sum(p * 1:A); sum(p * (1:A - m)^2) }

rwg_j <- function(x, ranvar) {
  v <- apply(x, 2, var, na.rm = TRUE)
  if (all(is.na(v))) return(NA)
  S <- min(mean(v, na.rm = TRUE), ranvar)
  J <- ncol(x)
  (J * (1 - S / ranvar)) / (J * (1 - S / ranvar) + S / ranvar)
}

skew7 <- skew_variance(7)
teams <- sort(unique(d$team))
complete <- d[complete.cases(d[, items]), ]
package_rwg <- rwg.j(complete[, items], complete$team, ranvar = skew7)
package_ad <- ad.m(d[, items], d$team, type = "mean")
per_team <- do.call(rbind, lapply(teams, function(t) {
  x <- d[d$team == t, items]
  listwise <- x[complete.cases(x), ]
  if (nrow(listwise) > 1) {
    stopifnot(abs(rwg_j(listwise, skew7) - package_rwg$rwg.j[package_rwg$grpid == t]) < 1e-12)
  }
  ad <- package_ad$AD.M[package_ad$grpid == t]
  data.frame(team = t,
             scored = sum(rowSums(!is.na(x)) >= 4),
             rwg_j_slight_skew = if (nrow(x) > 1) rwg_j(x, skew7) else NA,
             ad_m_j_listwise = if (length(ad) == 1) ad else NA)
}))

limit <- function(gsize, nitems, nresp) {
  sim <- rwg.j.sim(gsize = gsize, nitems = nitems, nresp = nresp, nrep = 10000)$rwg
  sorted <- sort(sim)
  n <- length(sorted)
  half <- 1.96 * sqrt(n * .95 * .05)
  data.frame(gsize = gsize, nitems = nitems, nresp = nresp,
             rwg_95 = unname(quantile(sim, .95, type = 1)),
             rwg_95_low = sorted[floor(n * .95 - half)],
             rwg_95_high = sorted[ceiling(n * .95 + half)])
}
sizes <- sort(unique(per_team$scored[per_team$scored >= 2]))
limits <- do.call(rbind, c(
  lapply(sizes, function(n) limit(n, 7, 7)),
  lapply(c(2, 3, 5, 12, 40), function(n) limit(n, 3, 5)),
  list(limit(60, 7, 7), limit(10, 12, 4), limit(100, 7, 7), limit(200, 7, 7), limit(75, 4, 5))))

out <- list(
  generator = paste0(R.version.string, "; multilevel ", packageVersion("multilevel")),
  slight_skew = lapply(4:11, function(A) list(options = A, shares = skew_shares(A), variance = skew_variance(A))),
  teams = per_team,
  chance = limits)
write_json(out, "expected.json", digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE)
