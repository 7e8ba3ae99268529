# Times, in R (stats + survival + splines), the same models RecurrenceAnalysis.analyze runs (DESIGN §4 and
# issue 10's honest verdict), on the files AnalysisBenchmark generates, so the two can be compared (DESIGN §6:
# Java at most 0.3 x R).
#
#   Rscript bench/r-analysis.R [RUNS] FILE.csv [FILE.csv ...]
#
# The files have no therapist or recovery column; like AnalysisBenchmark.withCare, row r (1-based) gets therapist
# (r * 7919) %% 40 + 1, and an episode without a recurrence never recovered when r %% 9 == 0. Reading the CSV is
# not timed (Java's CSV parsing is not timed either). One timed run is every step below, as Java runs it
# (the R calls are those of src/test/resources/io/backstory/analytics/pipeline/reference.R, which the R parity
# test compares key by key):
#   rates, 2 x 2, trend          prop.test x 2, chisq.test, fisher.test, prop.trend.test
#   Kaplan-Meier, log-rank       survfit x 2 (+ summary at the horizon), survdiff x 2
#   plain adjusted Cox           coxph(Surv(time, status) ~ multifactor + covariates)
#   primary                      + strata(therapist), cluster = therapist; cox.zph(fit, transform = "km")
#   visits                       + ns(visits, df = 3) + strata(therapist), cluster = therapist
#   factors                      coxph(~ f_* + covariates)
#   logistic at the horizon      glm(binomial)
#   truncated IPTW               glm propensity, weights cut at quantile(w, c(.01, .99)), weighted robust coxph,
#                                SMDs before/after, ESS
#   loss to follow-up            survfit by group, reverse KM, the other group's rate at the lost times
#   IPCW                         censoring coxph x 2, survSplit at 30/91/183, basehaz weights, weighted coxph
#                                clustered by episode
#   persistent pain, composite   prop.test x 2, fisher.test, composite coxph (strata + cluster)
# The piecewise model and the horizon risk difference run in Java only when the PH test fails; they do not on
# these files (global p 0.13 at 1 M), so neither side times them.
#
# Prints one line per file with the per-step times of the last run, and appends to target/bench/r-analysis.csv.
# The median of RUNS runs (default 3) is reported.
# (r-common.R, beside this script: packages, command line, covariates, reading the files)
bench <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(bench, "r-common.R"))
args <- bench_args("r-analysis.R", 3)
runs <- args$runs
factors <- c("f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs")
# (the formula lives in the caller's frame: cox.zph and predict rebuild the model frame from it)
cox_formula <- function(lhs, rhs) as.formula(paste(lhs, "~", rhs), env = parent.frame())

# Per-step timings of the last run, so the slow steps are visible (elapsed and CPU seconds).
steps <- NULL
step <- function(name, expr) {
  t0 <- proc.time()
  value <- expr
  t1 <- proc.time() - t0
  steps <<- rbind(steps, data.frame(step = name, elapsed = t1[["elapsed"]], cpu = t1[["user.self"]] + t1[["sys.self"]]))
  message(sprintf("  (R step %s: %.1f s wall)", name, t1[["elapsed"]]))  # progress on stderr for long runs
  value
}

analyse <- function(raw, horizon = 365, isolated_max = 1, check_ins = c(30, 91, 183, 365), recovery_days = 30) {
  steps <<- NULL
  d <- raw
  d$breadth <- d$f_movement + d$f_mobility + d$f_strength + d$f_recovery + d$f_beliefs
  d$multifactor <- as.integer(d$breadth > isolated_max)
  d$time <- pmin(d$time_days, horizon)
  d$status <- as.integer(d$recurred == 1 & d$time_days <= horizon)

  b <- d[d$status == 1 | d$time_days >= horizon, ]
  x <- c(sum(b$status[b$multifactor == 0]), sum(b$status[b$multifactor == 1]))
  m <- c(sum(b$multifactor == 0), sum(b$multifactor == 1))
  step("prop.test x 2", list(prop.test(x[1], m[1], correct = FALSE), prop.test(x[2], m[2], correct = FALSE)))
  tab <- matrix(c(x[2], m[2] - x[2], x[1], m[1] - x[1]), 2, byrow = TRUE)
  step("chisq + fisher", list(chisq.test(tab, correct = FALSE), fisher.test(tab)))
  bx <- tapply(b$status, b$breadth, sum); bn <- tapply(b$status, b$breadth, length)
  step("prop.trend.test", prop.trend.test(bx, bn, score = as.numeric(names(bn))))

  step("survfit x 2", lapply(0:1, function(g) {
    fit <- survfit(Surv(time, status) ~ 1, data = d[d$multifactor == g, ])
    list(fit = fit, at = summary(fit, times = horizon))
  }))
  step("survdiff x 2", list(survdiff(Surv(time, status) ~ multifactor, data = d),
                            survdiff(Surv(time, status) ~ breadth, data = d)))

  cox <- step("coxph plain", coxph(cox_formula("Surv(time, status)", paste("multifactor +", covariates)), data = d,
                                   ties = "efron"))
  primary <- step("coxph strata + cluster", coxph(cox_formula("Surv(time, status)",
      paste("multifactor +", covariates, "+ strata(therapist)")), data = d, cluster = therapist, ties = "efron"))
  zph <- step("cox.zph", cox.zph(primary, transform = "km"))
  visits <- step("coxph ns(visits)", coxph(cox_formula("Surv(time, status)",
      paste("multifactor +", covariates, "+ ns(visits, df = 3) + strata(therapist)")), data = d, cluster = therapist,
      ties = "efron"))
  cf <- step("coxph factors", coxph(cox_formula("Surv(time, status)", paste(paste(factors, collapse = " + "), "+",
                                                                          covariates)), data = d, ties = "efron"))
  p_bh <- p.adjust(summary(cf)$coefficients[factors, "Pr(>|z|)"], method = "BH")
  lg <- step("glm logistic", glm(cox_formula("status", paste("multifactor +", covariates)), family = binomial, data = b))

  cc <- d[complete.cases(d[, covariate_columns]), ]
  iw <- step("truncated IPTW", {
    ps <- fitted(glm(cox_formula("multifactor", covariates), family = binomial, data = cc))
    pt <- mean(cc$multifactor)
    w0 <- ifelse(cc$multifactor == 1, pt / ps, (1 - pt) / (1 - ps))
    q <- quantile(w0, c(.01, .99))
    w <- pmin(pmax(w0, q[1]), q[2])
    fit <- coxph(Surv(time, status) ~ multifactor, data = cc, weights = w, robust = TRUE, ties = "efron")
    L <- levels_of(cc)
    list(fit = fit, before = sapply(L, smd, t = cc$multifactor, w = rep(1, nrow(cc))),
         after = sapply(L, smd, t = cc$multifactor, w = w),
         ess = c(ess(w[cc$multifactor == 1]), ess(w[cc$multifactor == 0])))
  })

  step("loss to follow-up", {
    d$lost <- as.integer(d$status == 0 & d$time < horizon)
    km <- survfit(Surv(time, status) ~ multifactor, data = d)
    S <- function(g, t) summary(km[g + 1], times = t, extend = TRUE)$surv
    rk <- survfit(Surv(time, 1 - status) ~ multifactor, data = d)
    other <- sapply(0:1, function(g) { x <- d[d$multifactor == g, ]; o <- 1 - g
      (sum(x$status) + sum(1 - S(o, horizon) / S(o, x$time[x$lost == 1]))) / nrow(x) })
    list(summary(rk)$table, other)
  })

  ipcw <- step("IPCW", {
    cc$lost <- as.integer(cc$status == 0 & cc$time < horizon)
    cc$id <- seq_len(nrow(cc))
    cfit <- coxph(cox_formula("Surv(time, lost)", paste("multifactor +", covariates)), data = cc)
    nfit <- coxph(Surv(time, lost) ~ multifactor, data = cc)
    sp <- survSplit(Surv(time, status) ~ ., data = cc, cut = check_ins[check_ins < horizon], start = "tstart", zero = -1)
    K <- function(fit, t, nd) { bh <- basehaz(fit, centered = FALSE)
      exp(-stepfun(bh$time, c(0, bh$hazard))(t) * exp(predict(fit, nd, type = "lp", reference = "zero"))) }
    sp$w <- K(nfit, pmax(sp$tstart, 0), sp) / K(cfit, pmax(sp$tstart, 0), sp)
    coxph(cox_formula("Surv(tstart, time, status)", paste("multifactor +", covariates)), data = sp, weights = w,
          cluster = id)
  })

  composite <- step("persistent pain + composite", {
    for (g in 0:1) prop.test(sum(d$recovered[d$multifactor == g] == 0), sum(d$multifactor == g), correct = FALSE)
    a1 <- sum(d$recovered[d$multifactor == 1] == 0); n1 <- sum(d$multifactor == 1)
    a0 <- sum(d$recovered[d$multifactor == 0] == 0); n0 <- sum(d$multifactor == 0)
    fisher.test(matrix(c(a1, n1 - a1, a0, n0 - a0), 2, byrow = TRUE))
    failed <- d$status == 0 & d$recovered == 0
    d$time_c <- ifelse(failed, pmin(d$time, recovery_days), d$time)
    d$status_c <- as.integer(d$status == 1 | failed)
    coxph(cox_formula("Surv(time_c, status_c)", paste("multifactor +", covariates, "+ strata(therapist)")), data = d,
          cluster = therapist, ties = "efron")
  })
  c(plain = exp(coef(cox)[["multifactor"]]), primary = exp(coef(primary)[["multifactor"]]),
    visits = exp(coef(visits)[["multifactor"]]), iptw = exp(coef(iw$fit)[[1]]),
    ipcw = exp(coef(ipcw)[["multifactor"]]), composite = exp(coef(composite)[["multifactor"]]),
    ph_global = zph$table["GLOBAL", "p"])
}

dir.create("target/bench", showWarnings = FALSE, recursive = TRUE)
out <- "target/bench/r-analysis.csv"
if (!file.exists(out)) cat("episodes,median_ms,min_ms,max_ms,median_cpu_ms,runs,read_ms\n", file = out)
for (file in args$files) {
  t0 <- proc.time()[["elapsed"]]
  raw <- read_episodes(file)
  row <- seq_len(nrow(raw))
  raw$therapist <- (row * 7919) %% 40 + 1                            # AnalysisBenchmark.withCare
  raw$recovered <- ifelse(raw$recurred == 0 & row %% 9 == 0, 0L, 1L)
  read_ms <- 1000 * (proc.time()[["elapsed"]] - t0)
  ms <- numeric(runs)
  cpu <- numeric(runs)
  for (i in seq_len(runs)) {
    invisible(gc())
    t0 <- proc.time()
    est <- analyse(raw)
    t1 <- proc.time() - t0
    ms[i] <- 1000 * t1[["elapsed"]]
    cpu[i] <- 1000 * (t1[["user.self"]] + t1[["sys.self"]])
  }
  cat(sprintf("R %s: %d episodes: analysis median %.0f ms wall, %.0f ms CPU (min %.0f, max %.0f, %d runs); read.csv %.0f ms\n",
              R.version.string, nrow(raw), median(ms), median(cpu), min(ms), max(ms), runs, read_ms))
  cat(sprintf("  HR plain %.3f, primary %.3f, + ns(visits) %.3f, truncated IPTW %.3f, IPCW %.3f, composite %.3f; PH global p %.3f\n",
              est[["plain"]], est[["primary"]], est[["visits"]], est[["iptw"]], est[["ipcw"]], est[["composite"]],
              est[["ph_global"]]))
  cat(sprintf("%d,%.0f,%.0f,%.0f,%.0f,%d,%.0f\n", nrow(raw), median(ms), min(ms), max(ms), median(cpu), runs, read_ms),
      file = out, append = TRUE)
  for (k in seq_len(nrow(steps))) {
    cat(sprintf("    %-28s %9.0f ms wall %9.0f ms CPU\n", steps$step[k], 1000 * steps$elapsed[k], 1000 * steps$cpu[k]))
  }
}
