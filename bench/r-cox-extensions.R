# Times, in R (survival 3.5-3 + splines), the fits issue 10 adds to the analysis, on the files
# AnalysisBenchmark generates, exactly as CoxExtensionsBenchmark fits them in Java (DESIGN §6: Java at most
# 0.3 x R):
#   stratified  coxph(... + strata(therapist), cluster = therapist) and cox.zph(fit)
#   visits      the same with ns(visits, df = 3)
#   ipcw        survSplit at 30, 90, 180 days (zero = -1), weight 1 + 0.25 (period - 1) per interval,
#               coxph(Surv(tstart, time, status) ~ ..., weights = wt, cluster = id)
#   piecewise   survSplit at 90 days, multifactor:strata(period), strata(therapist), cluster = therapist
# on the complete cases, follow-up truncated at 365 days, therapist ((row - 1) * 7919) %% 40 + 1 of each input
# row (the files have no therapist column yet).
#
#   Rscript bench/r-cox-extensions.R [RUNS] FILE.csv [FILE.csv ...]
#
# Reading the CSV is not timed. Prints the median of RUNS (default 1) per step, wall and CPU, and appends to
# target/bench/r-cox-extensions.csv.
# (r-common.R, beside this script: packages, command line, covariates, reading the files)
bench <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(bench, "r-common.R"))
args <- bench_args("r-cox-extensions.R", 1)
runs <- args$runs

timed <- function(expr) {
  t0 <- proc.time()
  value <- expr
  t1 <- proc.time() - t0
  list(value = value, wall = 1000 * t1[["elapsed"]], cpu = 1000 * (t1[["user.self"]] + t1[["sys.self"]]))
}

steps <- function(cc) {
  out <- list()
  st <- timed({
    f <- coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates, "+ strata(therapist)")),
               data = cc, cluster = therapist, ties = "efron")
    list(fit = f, zph = cox.zph(f))
  })
  message(sprintf("  (R stratified + cox.zph: %.1f s wall)", st$wall / 1000))
  out$stratified <- st
  vi <- timed(coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates,
                                     "+ ns(visits, df = 3) + strata(therapist)")),
                    data = cc, cluster = therapist, ties = "efron"))
  message(sprintf("  (R visits: %.1f s wall)", vi$wall / 1000))
  out$visits <- vi
  ip <- timed({
    s <- survSplit(Surv(time, status) ~ ., data = cc, cut = c(30, 90, 180), zero = -1, episode = "period", id = "sid")
    s$wt <- 1 + 0.25 * (s$period - 1)
    coxph(as.formula(paste("Surv(tstart, time, status) ~ multifactor +", covariates)), data = s, weights = wt,
          cluster = sid, ties = "efron")
  })
  message(sprintf("  (R ipcw: %.1f s wall)", ip$wall / 1000))
  out$ipcw <- ip
  pw <- timed({
    s <- survSplit(Surv(time, status) ~ ., data = cc, cut = 90, zero = -1, episode = "period")
    coxph(as.formula(paste("Surv(tstart, time, status) ~ multifactor:strata(period) +", covariates,
                           "+ strata(therapist)")), data = s, cluster = therapist, ties = "efron")
  })
  message(sprintf("  (R piecewise: %.1f s wall)", pw$wall / 1000))
  out$piecewise <- pw
  out
}

dir.create("target/bench", showWarnings = FALSE, recursive = TRUE)
out <- "target/bench/r-cox-extensions.csv"
if (!file.exists(out)) cat("episodes,step,median_ms,median_cpu_ms,runs\n", file = out)
for (file in args$files) {
  raw <- read_episodes(file)
  raw$therapist <- ((seq_len(nrow(raw)) - 1) * 7919) %% 40 + 1
  raw$multifactor <- as.integer(raw$f_movement + raw$f_mobility + raw$f_strength + raw$f_recovery + raw$f_beliefs > 1)
  raw$time <- pmin(raw$time_days, 365)
  raw$status <- as.integer(raw$recurred == 1 & raw$time_days <= 365)
  cc <- raw[complete.cases(raw[, covariate_columns]), ]
  results <- lapply(seq_len(runs), function(i) { invisible(gc()); steps(cc) })
  names_ <- c("stratified", "visits", "ipcw", "piecewise")
  for (k in names_) {
    wall <- median(sapply(results, function(r) r[[k]]$wall))
    cpu <- median(sapply(results, function(r) r[[k]]$cpu))
    cat(sprintf("R %s, %d episodes: %-11s %9.0f ms wall %9.0f ms CPU\n", R.version.string, nrow(raw), k, wall, cpu))
    cat(sprintf("%d,%s,%.0f,%.0f,%d\n", nrow(raw), k, wall, cpu, runs), file = out, append = TRUE)
  }
  total_wall <- sum(sapply(names_[1:3], function(k) median(sapply(results, function(r) r[[k]]$wall))))
  total_cpu <- sum(sapply(names_[1:3], function(k) median(sapply(results, function(r) r[[k]]$cpu))))
  cat(sprintf("R, %d episodes: added (stratified + visits + ipcw) %9.0f ms wall %9.0f ms CPU\n", nrow(raw), total_wall, total_cpu))
  cat(sprintf("%d,added,%.0f,%.0f,%d\n", nrow(raw), total_wall, total_cpu, runs), file = out, append = TRUE)
  r <- results[[1]]
  cat(sprintf("  estimates: stratified HR %.3f, PH p %.3g (global %.3g); + ns(visits) %.3f; IPCW %.3f; piecewise %.3f / %.3f\n",
              exp(coef(r$stratified$value$fit)[["multifactor"]]), r$stratified$value$zph$table["multifactor", "p"],
              r$stratified$value$zph$table["GLOBAL", "p"], exp(coef(r$visits$value)[["multifactor"]]),
              exp(coef(r$ipcw$value)[["multifactor"]]), exp(coef(r$piecewise$value))[["multifactor:strata(period)period=1"]],
              exp(coef(r$piecewise$value))[["multifactor:strata(period)period=2"]]))
}
