# Makes expected.json: a scale's pooled % favourable (and unfavourable) with its 95% interval when each respondent
# gives several answers, for the psychological-safety reference data (../psychological-safety/responses.csv).
# Every answer of the scale is one row; the rows of a respondent are one cluster. The share is the pooled one
# (favourable answers over answers); its standard error is the linearised, cluster-robust one of survey::svymean
# with ids = ~respondent; the interval is Korn and Graubard's (survey::svyciprop, method = "beta"): Clopper–Pearson
# on the effective sample size, adjusted for the respondents' degrees of freedom. Groups whose share is 0 or 1
# have no effective sample size (0/0) and are listed with the Clopper–Pearson interval on their respondents
# (binom.test), which is what the platform gives them; a group of one respondent has no interval.
# Run from this folder: Rscript make-expected.R   (R 4.2, survey 4.1, jsonlite)
suppressMessages({ library(survey); library(jsonlite) })
options(warn = -1) # svydesign says each time that no weights were given: every answer weighs the same
wide <- read.csv("../psychological-safety/responses.csv")
items <- paste0("q", 1:7)
for (q in c("q1", "q3", "q5")) wide[[q]] <- 8 - wide[[q]]
long <- do.call(rbind, lapply(items, function(q) data.frame(team = wide$team, respondent = wide$respondent, x = wide[[q]])))
long <- long[!is.na(long$x), ]
long$favourable <- as.numeric(long$x >= 6)
long$unfavourable <- as.numeric(long$x <= 2)

summarise <- function(rows, what) {
  respondents <- length(unique(rows$respondent))
  share <- mean(rows[[what]])
  out <- list(respondents = respondents, answers = nrow(rows), count = sum(rows[[what]]), share = share)
  if (share > 0 && share < 1 && respondents > 1) {
    design <- svydesign(ids = ~respondent, data = rows)
    f <- as.formula(paste0("~", what))
    out$se <- as.numeric(SE(svymean(f, design)))
    ci <- attr(svyciprop(f, design, method = "beta"), "ci")
    out$low <- unname(ci[1]); out$high <- unname(ci[2]); out$method <- "korn-graubard"
  } else if (respondents == 1) {
    out$method <- "none"
  } else {
    ci <- binom.test(round(share * respondents), respondents)$conf.int
    out$low <- ci[1]; out$high <- ci[2]; out$method <- "clopper-pearson-on-respondents"
  }
  out
}

groups <- c(list(list(group = "all", rows = long)),
            lapply(sort(unique(long$team)), function(t) list(group = as.character(t), rows = long[long$team == t, ])))
cases <- list()
for (g in groups) for (what in c("favourable", "unfavourable")) {
  cases[[length(cases) + 1]] <- c(list(group = g$group, what = what), summarise(g$rows, what))
}
write_json(list(generator = paste(R.version.string, "survey", packageVersion("survey")), cases = cases),
           "expected.json", digits = NA, pretty = TRUE, auto_unbox = TRUE)
