# Times, in R (stats + survival), the same models RecurrenceAnalysis.analyze runs (DESIGN §4), on the files
# AnalysisBenchmark generates, so the two can be compared (DESIGN §6: Java at most 0.3 x R).
#
#   Rscript bench/r-analysis.R [RUNS] FILE.csv [FILE.csv ...]
#
# Reading the CSV is not timed (Java's CSV parsing is not timed either). One timed run = horizon
# truncation, prop.test x 2, chisq.test, fisher.test, prop.trend.test, survfit x 2 (+ summary at the
# horizon), survdiff x 2, coxph x 3 (primary, + visits, per factor), glm (logistic at the horizon),
# glm (propensity) + weighted robust coxph (IPTW). Prints one line per file and appends to
# target/bench/r-analysis.csv. The median of RUNS runs (default 3) is reported.
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
runs <- 3
if (length(args) > 0 && grepl("^[0-9]+$", args[1])) { runs <- as.integer(args[1]); args <- args[-1] }
if (length(args) == 0) stop("usage: Rscript bench/r-analysis.R [RUNS] FILE.csv [FILE.csv ...]")

covariates <- "age + sex + chronicity + baseline_nprs + baseline_odi + fabq_pa + startback + prior_episodes"
covariate_columns <- c("age", "sex", "chronicity", "baseline_nprs", "baseline_odi", "fabq_pa", "startback", "prior_episodes")
factors <- c("f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs")

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

analyse <- function(raw, horizon = 365, isolated_max = 1) {
  steps <<- NULL
  d <- raw
  d$breadth <- d$f_movement + d$f_mobility + d$f_strength + d$f_recovery + d$f_beliefs
  d$multifactor <- as.integer(d$breadth > isolated_max)
  d$time <- pmin(d$time_days, horizon)
  d$status <- as.integer(d$recurred == 1 & d$time_days <= horizon)

  b <- d[d$status == 1 | d$time_days >= horizon, ]
  x <- c(sum(b$status[b$multifactor == 0]), sum(b$status[b$multifactor == 1]))
  m <- c(sum(b$multifactor == 0), sum(b$multifactor == 1))
  rates <- step("prop.test x 2", list(prop.test(x[1], m[1], correct = FALSE), prop.test(x[2], m[2], correct = FALSE)))
  tab <- matrix(c(x[2], m[2] - x[2], x[1], m[1] - x[1]), 2, byrow = TRUE)
  chi <- step("chisq.test", chisq.test(tab, correct = FALSE))
  fisher <- step("fisher.test", fisher.test(tab))
  bx <- tapply(b$status, b$breadth, sum); bn <- tapply(b$status, b$breadth, length)
  trend <- step("prop.trend.test", prop.trend.test(bx, bn, score = as.numeric(names(bn))))

  km <- step("survfit x 2", lapply(0:1, function(g) {
    fit <- survfit(Surv(time, status) ~ 1, data = d[d$multifactor == g, ])
    list(fit = fit, at = summary(fit, times = horizon))
  }))
  lr <- step("survdiff 2 groups", survdiff(Surv(time, status) ~ multifactor, data = d))
  lrb <- step("survdiff breadth", survdiff(Surv(time, status) ~ breadth, data = d))

  cox <- step("coxph primary", coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates)), data = d, ties = "efron"))
  coxv <- step("coxph + visits", coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates, "+ visits")), data = d, ties = "efron"))
  coxf <- step("coxph factors", coxph(as.formula(paste("Surv(time, status) ~", paste(factors, collapse = " + "), "+", covariates)),
                data = d, ties = "efron"))
  p_bh <- p.adjust(summary(coxf)$coefficients[factors, "Pr(>|z|)"], method = "BH")
  lg <- step("glm logistic", glm(as.formula(paste("status ~ multifactor +", covariates)), family = binomial, data = b))
  lgs <- summary(lg)

  cc <- d[complete.cases(d[, covariate_columns]), ]
  ps <- step("glm propensity", fitted(glm(as.formula(paste("multifactor ~", covariates)), family = binomial, data = cc)))
  pt <- mean(cc$multifactor)
  w <- ifelse(cc$multifactor == 1, pt / ps, (1 - pt) / (1 - ps))
  iw <- step("coxph weighted robust", coxph(Surv(time, status) ~ multifactor, data = cc, weights = w, robust = TRUE, ties = "efron"))
  c(hr = exp(coef(cox)[["multifactor"]]), iptw = exp(coef(iw)[[1]]))
}

dir.create("target/bench", showWarnings = FALSE, recursive = TRUE)
out <- "target/bench/r-analysis.csv"
if (!file.exists(out)) cat("episodes,median_ms,min_ms,max_ms,median_cpu_ms,runs,read_ms\n", file = out)
for (file in args) {
  t0 <- proc.time()[["elapsed"]]
  raw <- read.csv(file, na.strings = c("", "NA"), stringsAsFactors = FALSE)
  raw$sex <- factor(raw$sex, levels = c("F", "M", "X"))
  raw$chronicity <- factor(raw$chronicity, levels = c("acute", "subacute", "chronic"))
  raw$startback <- factor(raw$startback, levels = c("low", "medium", "high"))
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
  cat(sprintf("R %s: %d episodes: analysis median %.0f ms wall, %.0f ms CPU (min %.0f, max %.0f, %d runs); adjusted HR %.3f, IPTW HR %.3f; read.csv %.0f ms\n",
              R.version.string, nrow(raw), median(ms), median(cpu), min(ms), max(ms), runs, est[["hr"]], est[["iptw"]], read_ms))
  cat(sprintf("%d,%.0f,%.0f,%.0f,%.0f,%d,%.0f\n", nrow(raw), median(ms), min(ms), max(ms), median(cpu), runs, read_ms),
      file = out, append = TRUE)
  for (k in seq_len(nrow(steps))) {
    cat(sprintf("    %-22s %8.0f ms wall %8.0f ms CPU\n", steps$step[k], 1000 * steps$elapsed[k], 1000 * steps$cpu[k]))
  }
}
