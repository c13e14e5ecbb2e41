# Makes expected.json: the 95% interval for the mean of n answers that are all the same, x, on the scale low..high.
# At most the share u of the population may differ from x, where u is the upper end of the Clopper–Pearson 95%
# interval for 0 of n (binom.test); the mean then lies between x − u(x − low) and x + u(high − x).
# Run from this folder: Rscript make-expected.R   (R 4.2, jsonlite)
suppressMessages(library(jsonlite))
cases <- expand.grid(n = c(2, 3, 5, 11, 21, 50, 400), x = c(1, 4, 7, 13 / 3), KEEP.OUT.ATTRS = FALSE)
cases$low <- 1
cases$high <- 7
cases$share_differing <- sapply(cases$n, function(n) binom.test(0, n)$conf.int[2])
cases$ci_low <- cases$x - cases$share_differing * (cases$x - cases$low)
cases$ci_high <- cases$x + cases$share_differing * (cases$high - cases$x)
write_json(list(generator = R.version.string, cases = cases), "expected.json", digits = NA, pretty = TRUE)
