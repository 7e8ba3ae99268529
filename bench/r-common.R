# What the R benchmarks share, sourced by each (bench: this folder): the packages, the command line
# ([RUNS] FILE.csv ...), the covariates every adjusted model takes, reading a file AnalysisBenchmark generates with
# the factor levels the Java analysis uses (so R's reference categories are Java's), and the R reference scripts'
# covariate balance (levels_of, smd, ess).
suppressPackageStartupMessages({ library(survival); library(splines) })
source(file.path(bench, "..", "src", "test", "resources", "io", "backstory", "analytics", "balance.R"))

# The number of runs (the first argument when it is a whole number, else default_runs) and the files.
bench_args <- function(script, default_runs) {
  args <- commandArgs(trailingOnly = TRUE)
  runs <- default_runs
  if (length(args) > 0 && grepl("^[0-9]+$", args[1])) { runs <- as.integer(args[1]); args <- args[-1] }
  if (length(args) == 0) stop(sprintf("usage: Rscript bench/%s [RUNS] FILE.csv [FILE.csv ...]", script))
  list(runs = runs, files = args)
}

covariates <- "age + sex + chronicity + baseline_nprs + baseline_odi + fabq_pa + startback + prior_episodes"
covariate_columns <- c("age", "sex", "chronicity", "baseline_nprs", "baseline_odi", "fabq_pa", "startback", "prior_episodes")

read_episodes <- function(file) {
  raw <- read.csv(file, na.strings = c("", "NA"), stringsAsFactors = FALSE)
  raw$sex <- factor(raw$sex, levels = c("F", "M", "X"))
  raw$chronicity <- factor(raw$chronicity, levels = c("acute", "subacute", "chronic"))
  raw$startback <- factor(raw$startback, levels = c("low", "medium", "high"))
  raw
}
