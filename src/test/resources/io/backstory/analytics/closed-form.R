# Writes the reference tables of the closed-form statistics (Wilson interval, funnel limits, Schoenfeld power,
# two-by-two comparison) that the Java tests read with @CsvFileSource.
# Run from this directory: Rscript closed-form.R   (R 4.2.2; base R only)
# Every row holds the R call that produced its values: the script evaluates that very text, so the call and the
# numbers cannot drift apart. Doubles are printed with 17 significant digits; Inf as Infinity for Java.
num <- function(x) ifelse(is.infinite(x), ifelse(x > 0, "Infinity", "-Infinity"), sprintf("%.17g", x))
quoted <- function(s) paste0("\"", gsub("\"", "\"\"", s), "\"")
# file: the resource; about: comment lines; columns: the header (as a comment); rows: one character vector a row
write_table <- function(file, about, columns, rows) {
  writeLines(c(paste("# written by closed-form.R:", about), paste("#", paste(columns, collapse = ",")),
               vapply(rows, function(r) paste(r, collapse = ","), "")), file)
}
run <- function(call) eval(parse(text = call))
# numbers as R code and CSV cells: 100000, not 1e+05
lit <- function(x) if (is.numeric(x)) format(x, scientific = FALSE, digits = 15) else x
call_text <- function(fmt, ...) do.call(sprintf, c(fmt, lapply(list(...), lit)))

# Wilson score interval = prop.test without continuity correction
wilson <- function(x, n, conf = NULL) {
  call <- if (is.null(conf)) call_text("prop.test(%s, %s, correct = FALSE)$conf.int", x, n)
          else call_text("prop.test(%s, %s, conf.level = %s, correct = FALSE)$conf.int", x, n, conf)
  c(quoted(call), x, lit(run(n)), if (is.null(conf)) 0.95 else conf, num(run(call)))
}
write_table("wilson.csv", "the Wilson interval as R's uncorrected prop.test",
            c("r_call", "events", "n", "confidence", "lower", "upper"),
            list(wilson(0, 10), wilson(10, 10), wilson(3, 10), wilson(35, 100), wilson(693, 1980), wilson(1, "1e6"),
                 wilson(7, 40, 0.99), wilson(1, 1)))

# Spiegelhalter (2005) funnel limits: the binomial quantile interpolated to a continuous limit, clamped to [0, 1]
funnel <- function(theta, n, cov) {
  lim <- function(p) {
    r <- qbinom(p, n, theta); al <- (pbinom(r, n, theta) - p) / dbinom(r, n, theta)
    min(1, max(0, (r - al) / n))
  }
  c(lim((1 - cov) / 2), lim(1 - (1 - cov) / 2))
}
funnel_row <- function(theta, n, cov) {
  call <- call_text("funnel(%s, %s, %s)", theta, n, cov)
  c(quoted(call), theta, n, cov, num(run(call)))
}
write_table("funnel-limits.csv", "Spiegelhalter 2005 interpolated binomial limits, funnel() in closed-form.R",
            c("r_call", "theta", "n", "coverage", "lower", "upper"),
            list(funnel_row(0.45, 20, 0.95), funnel_row(0.45, 20, 0.998), funnel_row(0.45, 200, 0.95),
                 funnel_row(0.45, 200, 0.998), funnel_row(0.35, 1000, 0.95),
                 funnel_row(0.05, 10, 0.998), funnel_row(0.6, 3, 0.95)))  # the last two are clamped at 0

# Schoenfeld (1983): the hazard ratio detectable with D events, and the events needed for a hazard ratio
mdhr <- function(events, p, alpha, power) {
  call <- call_text("exp(-(qnorm(1 - %s/2) + qnorm(%s)) / sqrt(%s * %s * %s))", alpha, power, events, p, 1 - p)
  c(quoted(call), events, p, alpha, power, num(run(call)))
}
write_table("schoenfeld-mdhr.csv", "Schoenfeld 1983, the minimum detectable hazard ratio",
            c("r_call", "events", "p", "alpha", "power", "mdhr"),
            list(mdhr(400, 0.5, 0.05, 0.8), mdhr(150, 0.3, 0.05, 0.8), mdhr(1000, 0.6, 0.01, 0.9)))
events_needed <- function(hr, p, alpha, power) {
  call <- call_text("ceiling((qnorm(1 - %s/2) + qnorm(%s))^2 / (%s * %s * log(%s)^2))", alpha, power, p, 1 - p, hr)
  c(quoted(call), hr, p, alpha, power, run(call))
}
write_table("schoenfeld-events.csv", "Schoenfeld 1983, the events needed to detect a hazard ratio",
            c("r_call", "hr", "p", "alpha", "power", "events"),
            list(events_needed(0.74, 0.5, 0.05, 0.8), events_needed(0.9, 0.3, 0.05, 0.8),
                 events_needed(1.3, 0.6, 0.01, 0.9)))

# Two groups: a of n1 (multi-factor) against c of n2 (isolated). Wald intervals on the log scale for RR and OR,
# on the natural scale for the difference; Pearson's chi-square without correction; Fisher's exact p.
two_by_two <- function(a, n1, c, n2) {
  b <- n1 - a; d <- n2 - c; z <- qnorm(0.975); p1 <- a / n1; p2 <- c / n2
  rr <- p1 / p2; or <- (a * d) / (b * c); rd <- p1 - p2
  m <- matrix(c(a, c, b, d), 2); chi <- suppressWarnings(chisq.test(m, correct = FALSE))
  c(rr, exp(log(rr) + c(-1, 1) * z * sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)),
    or, exp(log(or) + c(-1, 1) * z * sqrt(1 / a + 1 / b + 1 / c + 1 / d)),
    rd, rd + c(-1, 1) * z * sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2),
    unname(chi$statistic), chi$p.value, fisher.test(m)$p.value)
}
two_by_two_row <- function(a, n1, c, n2) {
  call <- call_text("two_by_two(%s, %s, %s, %s)", a, n1, c, n2)
  c(quoted(call), lit(a), lit(n1), lit(c), lit(n2), num(run(call)))
}
write_table("two-by-two.csv", "RR, OR, RD with 95% Wald limits, chi-square and Fisher's p, two_by_two() in closed-form.R",
            c("r_call", "a", "n1", "c", "n2", "rr", "rrLo", "rrHi", "or", "orLo", "orHi", "rd", "rdLo", "rdHi",
              "chisq", "chisqP", "fisherP"),
            list(two_by_two_row(12, 40, 20, 38), two_by_two_row(230, 1000, 310, 1000),
                 two_by_two_row(0, 20, 5, 25),           # zero cell in the multi-factor group: RR 0 (0, NaN), OR 0 (0, NaN)
                 two_by_two_row(3, 3, 1, 4),             # everyone recurred in the multi-factor group: OR Inf (NaN, Inf)
                 two_by_two_row(350000, 1000000, 352000, 1000000),
                 two_by_two_row(2, 30, 2, 30),           # identical groups: Fisher's tie tolerance must count both tails
                 two_by_two_row(5, 10, 5, 10),
                 two_by_two_row(1, 600000, 30, 400000), two_by_two_row(7, 12, 2, 15)))
fisher_row <- function(a, n1, c, n2) {
  call <- call_text("fisher.test(matrix(c(%s, %s, %s - %s, %s - %s), 2))$p.value", a, c, n1, a, n2, c)
  c(quoted(call), lit(a), lit(n1), lit(c), lit(n2), num(run(call)))
}
write_table("fisher-large.csv", "Fisher's exact p for tables of up to a million episodes",
            c("r_call", "a", "n1", "c", "n2", "fisherP"),
            list(fisher_row(35100, 100000, 36000, 100000), fisher_row(170000, 500000, 171000, 500000),
                 fisher_row(100, 500000, 400, 500000)))
