# Covariate balance as the Java analysis reports it (AnalysisColumns.BALANCE_NAMES), for the R reference scripts
# beside this file (pipeline/reference.R, planted/reference.R) and bench/r-analysis.R: every level of every
# categorical covariate as a 0/1 column, Austin 2009's standardised mean difference, Kish's effective sample size.
levels_of <- function(d) data.frame(age = d$age, `sex[F]` = d$sex == "F", `sex[M]` = d$sex == "M", `sex[X]` = d$sex == "X",
  `chronicity[acute]` = d$chronicity == "acute", `chronicity[subacute]` = d$chronicity == "subacute",
  `chronicity[chronic]` = d$chronicity == "chronic", baseline_nprs = d$baseline_nprs, baseline_odi = d$baseline_odi,
  fabq_pa = d$fabq_pa, `startback[low]` = d$startback == "low", `startback[medium]` = d$startback == "medium",
  `startback[high]` = d$startback == "high", prior_episodes = d$prior_episodes, check.names = FALSE) * 1
# Difference in (weighted) means over the unweighted pooled SD; binary columns use p (1 - p). A column constant in
# both groups has SMD 0; one that separates them without spread, +-Inf.
smd <- function(x, t, w) {
  binary <- all(x %in% c(0, 1))
  v <- function(y) if (binary) mean(y) * (1 - mean(y)) else var(y)
  sd <- sqrt((v(x[t == 1]) + v(x[t == 0])) / 2)
  dd <- weighted.mean(x[t == 1], w[t == 1]) - weighted.mean(x[t == 0], w[t == 0])
  if (sd > 0) dd / sd else if (dd == 0) 0 else sign(dd) * Inf
}
ess <- function(w) sum(w)^2 / sum(w^2)
