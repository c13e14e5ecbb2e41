# Makes the end-to-end check's data and R's values for it.
# - structure.csv: a trust of two directorates and seven teams (one of 40 people, tiny teams of 2 and 3, a team whose
#   members all give the most favourable answer to every item and one whose members all give the least favourable).
# - responses.csv: two waves of answers to psychological safety (1..7, three reverse-keyed items) and leadership
#   behaviours (1..5 with "not applicable"; the section on one's own leadership shown only to those who lead), with
#   "not applicable" answers and people who answer too few of a scale's items for a score (every scale question must be
#   answered, so "not applicable" is how an answer is missing), and each person's staff group (instrument
#   "demographics"; no row where they declined to say). One row an answer.
# - expected.json: every number the results API publishes for each wave, as R computes it, keyed by the path the test
#   gives each published number (scales/<instrument>:<construct>/..., heatmap/<unit>/..., units/<unit>/...,
#   breakdowns/staff-group/units/<unit>/cells/<category>/..., response-rates/units/<unit>/...). A breakdown's cells are
#   computed for every unit and category; which the platform shows is its disclosure control's decision, checked by the
#   anonymity tests, and every figure it does show must be R's.
# The statistics follow ../../../CultureDiagnostics.Core.Tests/Reference/README.md: scale score = mean of the items
# answered when at least half are; t intervals (R's t.test), and for a sample without variation the interval that
# allows 1 − 0.025^(1/n) of people at the farthest end (binom.test(0, n)); Wilson intervals for an item's share
# (prop.test(correct = FALSE)); a scale's pooled share with survey::svyciprop(method = "beta") clustered by respondent
# (binom.test on the respondents at 0 or 1); psych::alpha with pairwise covariances; rwg(j) against the uniform and the
# slightly skewed null, listwise rwg(j), awg and AD(M) as multilevel computes them; ICC from aov with k0; kruskal.test;
# Welch's t.test for differences, a unit against the rest of the organisation scaled by the rest's share; and
# Benjamini–Hochberg (p.adjust) over all comparisons of a kind published for a wave. A scale's pooled share caps the
# effective sample size of Korn and Graubard's interval at the number of answers, as the platform does (korn_graubard).
# Disclosure is the platform's: the statistics across teams and the comparisons' families use the teams and cells the
# platform shows (teams of five or more with a score), and the test checks that it shows exactly those.
# Run from this folder: Rscript make-expected.R   (R 4.2, psych, multilevel, survey, jsonlite)
suppressMessages({ library(psych); library(multilevel); library(survey); library(jsonlite) })
options(warn = -1)
set.seed(20261127)
threshold <- 5
# The cells (wave, instrument:construct, unit) whose score the platform shows; the test checks it shows exactly these.
shown <- read.csv("shown-cells.csv")

units <- data.frame(
  code = c("ORG", "DIR-A", "DIR-B", "A-LARGE", "A-MID", "A-TINY1", "A-TINY2", "B-MID", "B-TOP", "B-BOTTOM"),
  name = c("Check Trust", "Directorate A", "Directorate B", "Large ward", "Middle ward", "Tiny team one", "Tiny team two",
           "Middle team", "Team at the top", "Team at the bottom"),
  parent_code = c("", "ORG", "ORG", "DIR-A", "DIR-A", "DIR-A", "DIR-A", "DIR-B", "DIR-B", "DIR-B"),
  headcount = c(NA, NA, NA, 60, 20, 4, 4, 30, 8, 8))
write.csv(units, "structure.csv", row.names = FALSE, na = "", quote = FALSE)
teams <- units$code[4:10]
parent <- setNames(units$parent_code, units$code)
subtree <- function(u) { if (u %in% teams) return(u); unlist(lapply(units$code[units$parent_code == u], subtree)) }
sizes <- list(wave1 = c(40, 12, 2, 3, 18, 6, 6), wave2 = c(38, 13, 3, 2, 20, 7, 6))
# Staff groups by a person's place in their team (no draws, so the answers' random stream is as before): the large ward
# has five people who declined to say, the middle ward five administrators, the middle team half and half.
staff_groups <- c("nursing-and-midwifery", "administrative-and-clerical")
staff_group_of <- function(team, p) switch(team,
  "A-LARGE" = if (p %% 8 == 0) NA else if (p %% 3 == 0) staff_groups[2] else staff_groups[1],
  "A-MID" = if (p <= 5) staff_groups[2] else staff_groups[1],
  "B-MID" = if (p %% 2 == 0) staff_groups[2] else staff_groups[1],
  staff_groups[1])

read_instrument <- function(file) {
  j <- fromJSON(file.path("..", "..", "..", "..", "surveys", file), simplifyVector = FALSE)
  items <- do.call(rbind, lapply(j$sections, function(s) do.call(rbind, lapply(s$items, function(i) {
    if (i$type != "scale") return(NULL)
    data.frame(item = i$id, construct = i$construct, reverse = isTRUE(i$reverse), leaders = !is.null(s$condition))
  }))))
  points <- sapply(j$scales[[1]]$points, function(p) p$value)
  constructs <- sapply(j$constructs, function(c) c$id)
  team_construct <- sapply(j$constructs, function(c) identical(c$kind, "team-construct"))
  list(id = j$id, items = items, low = min(points), high = max(points), na = !is.null(j$scales[[1]]$notApplicable),
       constructs = constructs, team_construct = setNames(team_construct, constructs))
}
instruments <- list(read_instrument("psychological-safety.v1.json"), read_instrument("leadership-behaviours.v1.json"))

# Answers: a team's and a person's leaning around the middle of the scale; skipped answers; "not applicable".
rows <- list()
scored_answers <- list()
for (wave in names(sizes)) {
  k <- 0
  for (t in seq_along(teams)) for (p in seq_len(sizes[[wave]][t])) {
    k <- k + 1
    respondent <- sprintf("%s-%03d", wave, k)
    team <- teams[t]
    leads <- if (team == "B-TOP") TRUE else if (team == "B-BOTTOM") FALSE else runif(1) < 0.3
    sparse <- !(team %in% c("B-TOP", "B-BOTTOM")) && runif(1) < 0.06
    for (ins in instruments) {
      lean <- rnorm(1, 0.4 * (t %% 3 - 1), 0.6)
      if (ins$id == "leadership-behaviours") rows[[length(rows) + 1]] <- data.frame(wave, respondent, unit = team, instrument = ins$id, item = "lb-leads", value = if (leads) "yes" else "no")
      for (r in seq_len(nrow(ins$items))) {
        it <- ins$items[r, ]
        if (it$leaders && !leads) next
        mid <- (ins$low + ins$high) / 2
        scored <- if (team == "B-TOP") ins$high else if (team == "B-BOTTOM") ins$low else
          min(ins$high, max(ins$low, round(mid + lean + rnorm(1, 0.3, 1.2))))
        value <- as.character(if (it$reverse) ins$low + ins$high - scored else scored)
        if (!(team %in% c("B-TOP", "B-BOTTOM"))) {
          # Every scale question must be answered; leadership's may be answered "not applicable".
          u <- runif(1)
          if (ins$na && ((sparse && u < 0.7) || u < 0.10)) value <- "na"
        }
        rows[[length(rows) + 1]] <- data.frame(wave, respondent, unit = team, instrument = ins$id, item = it$item, value)
      }
    }
    group <- staff_group_of(team, p)
    if (!is.na(group)) rows[[length(rows) + 1]] <- data.frame(wave, respondent, unit = team, instrument = "demographics", item = "staff-group", value = group)
  }
}
answers <- do.call(rbind, rows)
write.csv(answers, "responses.csv", row.names = FALSE, quote = FALSE)

expected <- list()
put <- function(path, value) {
  if (is.null(value) || length(value) == 0 || is.na(value)) return(invisible())
  expected[[path]] <<- if (is.logical(value)) as.numeric(value) else unname(value)
}

no_variation_interval <- function(mean, n, low, high) {
  differing <- 1 - 0.025^(1 / n)
  c(mean - differing * (mean - low), mean + differing * (high - mean))
}
summary_of <- function(x, low, high, path) {
  x <- x[!is.na(x)]
  n <- length(x)
  put(paste0(path, "/n"), n)
  if (n == 0) return()
  put(paste0(path, "/mean"), mean(x)); put(paste0(path, "/median"), median(x))
  if (n < 2) return()
  s <- sd(x)
  if (s <= 1e-12 * max(1, abs(mean(x)))) s <- 0
  put(paste0(path, "/sd"), s)
  ci <- if (s == 0) no_variation_interval(mean(x), n, low, high) else t.test(x)$conf.int
  put(paste0(path, "/ci95/low"), ci[1]); put(paste0(path, "/ci95/high"), ci[2])
}
wilson <- function(count, n, path) {
  put(paste0(path, "/count"), count)
  if (n == 0) return()
  put(paste0(path, "/share"), count / n)
  ci <- if (count == 0) c(0, prop.test(0, n, correct = FALSE)$conf.int[2]) else if (count == n) c(prop.test(n, n, correct = FALSE)$conf.int[1], 1) else prop.test(count, n, correct = FALSE)$conf.int
  put(paste0(path, "/ci95/low"), ci[1]); put(paste0(path, "/ci95/high"), ci[2])
}
pooled <- function(long, what, path) {
  respondents <- length(unique(long$respondent))
  put(paste0(path, "/count"), sum(long[[what]])); put(paste0(path, "/respondents"), respondents)
  if (nrow(long) == 0) return()
  share <- mean(long[[what]])
  put(paste0(path, "/share"), share)
  if (respondents < 2) return()
  ci <- if (share > 0 && share < 1) korn_graubard(long, what) else binom.test(round(share * respondents), respondents)$conf.int
  put(paste0(path, "/ci95/low"), unname(ci[1])); put(paste0(path, "/ci95/high"), unname(ci[2]))
}
# survey::svyciprop(method = "beta") with one rule added, the platform's: the effective sample size is at most the number
# of answers, so answers less alike within a person than between people never claim more precision than independent
# answers would. Where the cap does not bite, the interval is svyciprop's own (checked here).
korn_graubard <- function(long, what) {
  design <- svydesign(ids = ~respondent, data = long)
  f <- as.formula(paste0("~", what))
  m <- svymean(f, design)
  p <- unname(coef(m))
  effective <- p * (1 - p) / unname(vcov(m)[1, 1]) * (qt(0.025, nrow(long) - 1) / qt(0.025, degf(design)))^2
  capped <- min(effective, nrow(long))
  ci <- c(qbeta(0.025, capped * p, capped * (1 - p) + 1), qbeta(0.975, capped * p + 1, capped * (1 - p)))
  if (effective <= nrow(long)) stopifnot(isTRUE(all.equal(ci, unname(attr(svyciprop(f, design, method = "beta"), "ci")), tolerance = 1e-12)))
  ci
}
rwg_j <- function(x, ranvar) {
  v <- apply(x, 2, var, na.rm = TRUE)
  if (all(is.na(v))) return(NA)
  S <- min(mean(v, na.rm = TRUE), ranvar); J <- ncol(x)
  (J * (1 - S / ranvar)) / (J * (1 - S / ranvar) + S / ranvar)
}
skew_variance <- function(A) {
  p <- diff(approx(seq(0, 1, by = .2), c(0, .05, .20, .40, .75, 1), xout = (0:A) / A)$y)
  m <- sum(p * 1:A); sum(p * (1:A - m)^2)
}
# Welch's interval; none where both samples are without variation (t.test: "data are essentially constant").
welch <- function(a, b) {
  if (sd(a) == 0 && sd(b) == 0) return(NULL)
  t <- t.test(a, b, var.equal = FALSE); list(d = mean(a) - mean(b), ci = t$conf.int, p = t$p.value)
}

scores_by_wave <- list()
for (wave in names(sizes)) {
  w <- answers[answers$wave == wave, ]
  people <- unique(w[, c("respondent", "unit")])
  said <- w[w$instrument == "demographics" & w$item == "staff-group", ]
  people$group <- said$value[match(people$respondent, said$respondent)]
  # A breakdown's categories: the question's answers, then "not answered" (the platform's "").
  categories <- list("nursing-and-midwifery" = "nursing-and-midwifery", "administrative-and-clerical" = "administrative-and-clerical",
                     "not-answered" = NA)
  in_category <- function(c) if (is.na(c)) is.na(people$group) else !is.na(people$group) & people$group == c
  breakdown <- function(u, name) paste0(wave, "/breakdowns/staff-group/units/", u, "/cells/", name)
  prefix <- paste0(wave, "/")
  put(paste0(prefix, "respondents/value"), nrow(people))
  for (u in units$code) {
    n <- sum(people$unit %in% subtree(u))
    put(paste0(prefix, "heatmap/", u, "/respondents/value"), n)
    put(paste0(prefix, "units/", u, "/respondents/value"), n)
    put(paste0(prefix, "response-rates/units/", u, "/respondents/value"), n)
    headcount <- sum(units$headcount[units$code %in% subtree(u)])
    rate <- floor((200 * n + headcount) / (2 * headcount))
    put(paste0(prefix, "heatmap/", u, "/responseRatePercent"), rate)
    put(paste0(prefix, "response-rates/units/", u, "/headcount"), headcount)
    put(paste0(prefix, "response-rates/units/", u, "/responseRatePercent"), rate)
    for (name in names(categories)) put(paste0(breakdown(u, name), "/respondents/value"), sum(people$unit %in% subtree(u) & in_category(categories[[name]])))
  }
  comparisons <- list()
  for (ins in instruments) for (construct in ins$constructs) {
    its <- ins$items[ins$items$construct == construct, ]
    key <- paste0(ins$id, ":", construct)
    X <- matrix(NA_real_, nrow(people), nrow(its), dimnames = list(people$respondent, its$item))
    R <- X
    for (j in seq_len(nrow(its))) {
      a <- w[w$instrument == ins$id & w$item == its$item[j] & w$value != "na", ]
      raw <- as.numeric(a$value)
      R[a$respondent, j] <- raw
      X[a$respondent, j] <- if (its$reverse[j]) ins$low + ins$high - raw else raw
    }
    answered <- rowSums(!is.na(X))
    score <- ifelse(answered >= (ncol(X) + 1) %/% 2 & answered > 0, rowSums(X, na.rm = TRUE) / pmax(answered, 1), NA)
    scores_by_wave[[wave]][[key]] <- data.frame(respondent = people$respondent, unit = people$unit, score)
    A <- ins$high - ins$low + 1
    top <- ins$high - 1; bottom <- ins$low + 1
    cell <- function(members, path) {
      summary_of(score[members], ins$low, ins$high, paste0(path, "/scaleScore"))
      long <- do.call(rbind, lapply(seq_len(ncol(X)), function(j) data.frame(respondent = people$respondent[members], x = X[members, j])))
      long <- long[!is.na(long$x), ]
      long$favourable <- as.numeric(long$x >= top); long$unfavourable <- as.numeric(long$x <= bottom)
      pooled(long, "favourable", paste0(path, "/favourable")); pooled(long, "unfavourable", paste0(path, "/unfavourable"))
    }
    shown_here <- shown$unit[shown$wave == wave & shown$scale == key]
    shown_before <- shown$unit[shown$wave == "wave1" & shown$scale == key]
    shown_teams <- intersect(teams, shown_here)
    for (u in units$code) {
      members <- people$unit %in% subtree(u)
      cell(members, paste0(prefix, "heatmap/", u, "/cells/", key))
      base <- paste0(prefix, "units/", u, "/scales/", key)
      cell(members, paste0(base, "/figures"))
      if (u == "ORG") cell(members, paste0(prefix, "scales/", key, "/organisation"))
      for (name in names(categories)) cell(members & in_category(categories[[name]]), paste0(breakdown(u, name), "/scales/", key))
      for (j in seq_len(ncol(X))) {
        ipath <- paste0(base, "/items/", its$item[j])
        summary_of(R[members, j], ins$low, ins$high, ipath)
        raw <- R[members, j]; raw <- raw[!is.na(raw)]
        for (v in ins$low:ins$high) put(paste0(ipath, "/distribution/", v, "/count"), sum(raw == v))
        x <- X[members, j]; x <- x[!is.na(x)]
        wilson(sum(x >= top), length(x), paste0(ipath, "/favourable")); wilson(sum(x <= bottom), length(x), paste0(ipath, "/unfavourable"))
      }
      if (ins$team_construct[[construct]] && u %in% teams) {
        team <- X[people$unit == u, , drop = FALSE]
        if (nrow(team) > 1) {
          apath <- paste0(base, "/agreement")
          rwg <- rwg_j(team, (A^2 - 1) / 12)
          put(paste0(apath, "/rwgJ"), rwg); put(paste0(apath, "/agrees"), rwg >= 0.70)
          put(paste0(apath, "/rwgJSlightSkew"), rwg_j(team, skew_variance(A)))
          complete <- team[complete.cases(team), , drop = FALSE]
          if (nrow(complete) > 1) {
            put(paste0(apath, "/rwgJListwise"), rwg_j(complete, (A^2 - 1) / 12))
            a <- awg(complete, rep(1, nrow(complete)), range = c(ins$low, ins$high))$a.wg
            put(paste0(apath, "/awgListwise"), if (is.nan(a)) NA else a)
            put(paste0(apath, "/adMJListwise"), ad.m(complete, rep(1, nrow(complete)), type = "mean")$AD.M)
          }
        }
      }
      if (u %in% shown_here) {
        unit_scores <- score[members & !is.na(score)]; rest <- score[!members & !is.na(score)]
        if (u != "ORG" && length(rest) >= 2) {
          c <- welch(unit_scores, rest); share <- length(rest) / (length(rest) + length(unit_scores))
          if (!is.null(c)) comparisons[[length(comparisons) + 1]] <- list(kind = "versusOrganisation", path = base, p = c$p,
            d = mean(unit_scores) - mean(c(unit_scores, rest)), ci = c$ci * share)
        }
        if (wave == "wave2") {
          before <- scores_by_wave$wave1[[key]]
          earlier <- before$score[before$unit %in% subtree(u) & !is.na(before$score)]
          if (u %in% shown_before) {
            c <- welch(unit_scores, earlier)
            if (!is.null(c)) comparisons[[length(comparisons) + 1]] <- list(kind = "versusPreviousWave", path = base, p = c$p, d = c$d, ci = c$ci)
          }
        }
      }
    }
    # Reliability over everyone in the wave; statistics across the teams the platform shows.
    rpath <- paste0(prefix, "scales/", key, "/reliability")
    al <- psych::alpha(X, warnings = FALSE, check.keys = FALSE)
    put(paste0(rpath, "/alphaRaw"), al$total$raw_alpha); put(paste0(rpath, "/alphaStandardised"), al$total$std.alpha)
    put(paste0(rpath, "/averageR"), al$total$average_r)
    if (ncol(X) == 2) { r <- cor(X[, 1], X[, 2], use = "pairwise"); put(paste0(rpath, "/spearmanBrown"), 2 * r / (1 + r)) }
    for (j in seq_len(ncol(X))) {
      put(paste0(rpath, "/items/", its$item[j], "/rDrop"), al$item.stats$r.drop[j])
      put(paste0(rpath, "/items/", its$item[j], "/alphaIfDeleted"), al$alpha.drop$raw_alpha[j])
    }
    tpath <- paste0(prefix, "scales/", key, "/teamLevel")
    d <- data.frame(score, team = people$unit)[people$unit %in% shown_teams & !is.na(score), ]
    d$team <- factor(d$team)
    table_ <- summary(aov(score ~ team, data = d))[[1]]
    msb <- table_[1, "Mean Sq"]; msw <- table_[2, "Mean Sq"]
    nj <- table(d$team); N <- sum(nj); k0 <- (N - sum(nj^2) / N) / (length(nj) - 1)
    put(paste0(tpath, "/msb"), msb); put(paste0(tpath, "/msw"), msw); put(paste0(tpath, "/k"), k0)
    put(paste0(tpath, "/icc1"), (msb - msw) / (msb + (k0 - 1) * msw)); put(paste0(tpath, "/icc2"), (msb - msw) / msb)
    kw <- kruskal.test(score ~ team, data = d)
    put(paste0(tpath, "/kruskalWallisH"), unname(kw$statistic)); put(paste0(tpath, "/kruskalWallisDf"), unname(kw$parameter))
    put(paste0(tpath, "/kruskalWallisP"), kw$p.value); put(paste0(tpath, "/epsilonSquared"), unname(kw$statistic) / (N - 1))
    agreeing <- if (ins$team_construct[[construct]]) sapply(shown_teams, function(t) rwg_j(X[people$unit == t, , drop = FALSE], (A^2 - 1) / 12)) else numeric(0)
    put(paste0(tpath, "/teamsWithRwgJ"), length(agreeing))
    if (length(agreeing) > 0) put(paste0(tpath, "/shareOfTeamsAgreeing"), mean(agreeing >= 0.70))
  }
  for (kind in c("versusOrganisation", "versusPreviousWave")) {
    family <- Filter(function(c) c$kind == kind, comparisons)
    if (length(family) == 0) next
    adjusted <- p.adjust(sapply(family, function(c) c$p), method = "BH")
    for (i in seq_along(family)) {
      c <- family[[i]]; path <- paste0(c$path, "/", kind)
      put(paste0(path, "/difference"), c$d); put(paste0(path, "/ci95/low"), c$ci[1]); put(paste0(path, "/ci95/high"), c$ci[2])
      put(paste0(path, "/significant"), adjusted[i] <= 0.05)
    }
  }
}
write_json(list(generator = paste0(R.version.string, "; psych ", packageVersion("psych"), "; multilevel ", packageVersion("multilevel"),
                                   "; survey ", packageVersion("survey")), threshold = threshold, values = expected),
           "expected.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat(length(expected), "values\n")
