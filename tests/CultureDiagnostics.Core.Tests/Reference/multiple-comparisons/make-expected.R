# Makes samples.csv and expected.json: twelve comparisons of two samples each (answers on a 1..5 scale, some
# samples alike, some shifted, sizes from 3 to 60), each with Welch's two-sided p-value (t.test, var.equal = FALSE)
# and the p-values adjusted for the false discovery rate (p.adjust, method = "BH").
# Run from this folder: Rscript make-expected.R   (R 4.2, jsonlite)
suppressMessages(library(jsonlite))
set.seed(2026)
sizes <- c(3, 5, 8, 12, 20, 30, 60, 4, 15, 25, 40, 6)
shifts <- c(0, 0.2, 0, 1.2, 0.5, 0, 0.8, 2, 0, 0.3, 0.4, 0)
rows <- list(); p <- numeric(0)
for (k in seq_along(sizes)) {
  a <- pmin(5, pmax(1, round(rnorm(sizes[k], 3 + shifts[k], 1))))
  b <- pmin(5, pmax(1, round(rnorm(sizes[k] + 7, 3, 1))))
  p[k] <- t.test(a, b, var.equal = FALSE)$p.value
  rows[[k]] <- rbind(data.frame(comparison = k, side = "first", answer = a), data.frame(comparison = k, side = "second", answer = b))
}
write.csv(do.call(rbind, rows), "samples.csv", row.names = FALSE, quote = FALSE)
write_json(list(generator = R.version.string, p = p, bh = p.adjust(p, method = "BH")), "expected.json", digits = NA, pretty = TRUE)
