# Reference values for the issue-10 statistics (PropensityWeightingTest, LossToFollowUpTest, IpcwTest,
# HorizonRiskDifferenceTest, PersistentPainTest), computed independently with R on two planted-truth cohorts
# written by PlantedCohort (confounded-null.csv, differential-loss-null.csv): horizon 365 days, isolated plan =
# breadth <= 1, every covariate recorded. R 4.2.2, survival 3.5-3.
#
#   Rscript src/test/resources/io/backstory/analytics/planted/reference.R > src/test/resources/io/backstory/analytics/planted/reference.out
suppressPackageStartupMessages(library(survival))
script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
p <- function(label, x) cat(label, paste(sprintf("%.17g", x), collapse = " "), "\n")
horizon <- 365

load <- function(file) {
  d <- read.csv(file.path(dir, file), na.strings = c("", "NA"), stringsAsFactors = FALSE)
  d$sex <- factor(d$sex, levels = c("F", "M", "X"))
  d$chronicity <- factor(d$chronicity, levels = c("acute", "subacute", "chronic"))
  d$startback <- factor(d$startback, levels = c("low", "medium", "high"))
  d$breadth <- d$f_movement + d$f_mobility + d$f_strength + d$f_recovery + d$f_beliefs
  d$multi <- as.integer(d$breadth > 1)
  d$time <- pmin(d$time_days, horizon)
  d$status <- as.integer(d$recurred == 1 & d$time_days <= horizon)
  d$id <- seq_len(nrow(d))
  d
}
covs <- "age + sex + chronicity + baseline_nprs + baseline_odi + fabq_pa + startback + prior_episodes"
source(file.path(dirname(dir), "balance.R"))  # levels_of, smd, ess
robust <- function(label, fit) {
  s <- summary(fit)$coefficients
  rse <- s[, "robust se"]
  p(paste(label, "hr"), exp(coef(fit))); p(paste(label, "robust se"), rse)
  p(paste(label, "lower"), exp(coef(fit) - qnorm(0.975) * rse)); p(paste(label, "upper"), exp(coef(fit) + qnorm(0.975) * rse))
}

cat("== confounded-null: truncated stabilised IPTW\n")
d <- load("confounded-null.csv")
ps <- fitted(glm(as.formula(paste("multi ~", covs)), family = binomial, data = d))
pt <- mean(d$multi)
w <- ifelse(d$multi == 1, pt / ps, (1 - pt) / (1 - ps))
q <- quantile(w, c(.01, .99))
wt <- pmin(pmax(w, q[1]), q[2])
p("quantile(w, c(.01, .99))", q); p("max(w)", max(w)); p("sum(wt != w)", sum(wt != w))
p("min max mean wt", c(min(wt), max(wt), mean(wt)))
robust("iptw", coxph(Surv(time, status) ~ multi, data = d, weights = wt, robust = TRUE))
p("ess multi isolated", c(ess(wt[d$multi == 1]), ess(wt[d$multi == 0])))
L <- levels_of(d)
p("smd before", sapply(L, smd, t = d$multi, w = rep(1, nrow(d))))
p("smd after", sapply(L, smd, t = d$multi, w = wt))
p("weighted means multi", sapply(L, function(x) weighted.mean(x[d$multi == 1], wt[d$multi == 1])))
cat("== confounded-null: overlap weights\n")
ow <- ifelse(d$multi == 1, 1 - ps, ps)
robust("overlap", coxph(Surv(time, status) ~ multi, data = d, weights = ow, robust = TRUE))
p("overlap ess multi isolated", c(ess(ow[d$multi == 1]), ess(ow[d$multi == 0])))
p("overlap smd after", sapply(L, smd, t = d$multi, w = ow))
cat("== confounded-null: risk difference at the horizon (IPTW-weighted Kaplan-Meier)\n")
fit <- survfit(Surv(time, status) ~ multi, data = d, weights = wt)
s <- summary(fit, times = horizon, extend = TRUE)$surv
p("risk isolated multi", 1 - s); p("rd", (1 - s[2]) - (1 - s[1]))
cat("== confounded-null: persistent pain\n")
k <- d[!is.na(d$recovered), ]
for (g in 0:1) {
  x <- sum(k$recovered[k$multi == g] == 0); m <- sum(k$multi == g); pr <- prop.test(x, m, correct = FALSE)
  p(paste("never recovered", g, "x n rate lower upper"), c(x, m, pr$estimate, pr$conf.int))
}
p("unknown isolated multi", c(sum(is.na(d$recovered) & d$multi == 0), sum(is.na(d$recovered) & d$multi == 1)))
d$status_c <- as.integer(d$recurred == 1 | (!is.na(d$recovered) & d$recovered == 0))
d$time_c <- ifelse(d$recurred == 0 & !is.na(d$recovered) & d$recovered == 0, pmin(d$time_days, 30), d$time_days)
d$tc <- pmin(d$time_c, horizon); d$sc <- as.integer(d$status_c == 1 & d$time_c <= horizon)
fc <- coxph(as.formula(paste("Surv(tc, sc) ~ multi +", covs)), data = d)
p("composite cox multi coef se", c(coef(fc)["multi"], sqrt(vcov(fc)["multi", "multi"])))
p("composite events", sum(d$sc))

cat("== differential-loss-null: loss to follow-up\n")
d <- load("differential-loss-null.csv")
d$lost <- as.integer(d$status == 0 & d$time < horizon)
for (g in 0:1) {
  x <- d[d$multi == g, ]
  p(paste("group", g, "n events lost completeness"), c(nrow(x), sum(x$status), sum(x$lost), 1 - mean(x$lost)))
}
rk <- survfit(Surv(time, 1 - status) ~ multi, data = d)
p("reverse KM median isolated multi", summary(rk)$table[, "median"])
p("reverse KM median LCL", summary(rk)$table[, "0.95LCL"]); p("reverse KM median UCL", summary(rk)$table[, "0.95UCL"])
km <- survfit(Surv(time, status) ~ multi, data = d)
S <- function(g, t) summary(km[g + 1], times = t, extend = TRUE)$surv
risk <- c(1 - S(0, horizon), 1 - S(1, horizon)); p("km risk isolated multi", risk); p("km rd", risk[2] - risk[1])
other <- sapply(0:1, function(g) {
  x <- d[d$multi == g, ]; o <- 1 - g
  (sum(x$status) + sum(1 - S(o, horizon) / S(o, x$time[x$lost == 1]))) / nrow(x)
})
p("other-rate risk isolated multi", other); p("other-rate rd", other[2] - other[1])
own <- sapply(0:1, function(g) { x <- d[d$multi == g, ]
  (sum(x$status) + sum(1 - S(g, horizon) / S(g, x$time[x$lost == 1]))) / nrow(x) })
p("own-rate risk (equals km)", own)
e <- tapply(d$status, d$multi, sum); l <- tapply(d$lost, d$multi, sum); n <- tapply(d$id, d$multi, length)
p("all-lost rd", (e[2] + l[2]) / n[2] - (e[1] + l[1]) / n[1])
p("rd lowest highest", c(e[2] / n[2] - (e[1] + l[1]) / n[1], (e[2] + l[2]) / n[2] - e[1] / n[1]))
b <- if (risk[2] < risk[1]) 2 else 1
p("tipping share", (risk[3 - b] * n[b] - e[b]) / l[b])
fa <- coxph(as.formula(paste("Surv(time, pmax(status, lost)) ~ multi +", covs)), data = d)
p("all-lost cox multi coef se", c(coef(fa)["multi"], sqrt(vcov(fa)["multi", "multi"])))

cat("== differential-loss-null: IPCW\n")
cfit <- coxph(as.formula(paste("Surv(time, lost) ~ multi +", covs)), data = d)
nfit <- coxph(Surv(time, lost) ~ multi, data = d)
p("censoring model coef", coef(cfit)); p("numerator coef", coef(nfit))
cuts <- sort(unique(d$time[d$lost == 1 & d$time > 0]))
p("cuts", cuts)
# zero = -1: rows with no follow-up (time 0) keep an interval, as SurvivalSplit does
sp <- survSplit(Surv(time, status) ~ ., data = d, cut = cuts, start = "tstart", zero = -1)
K <- function(fit, t, nd) {
  b <- basehaz(fit, centered = FALSE)
  exp(-stepfun(b$time, c(0, b$hazard))(t) * exp(predict(fit, nd, type = "lp", reference = "zero")))
}
# follow-up (and K) start at 0: the first interval's weight is K at 0
sp$w <- K(nfit, pmax(sp$tstart, 0), sp) / K(cfit, pmax(sp$tstart, 0), sp)
sp$wu <- 1 / K(cfit, pmax(sp$tstart, 0), sp)
p("rows, rows with time 0", c(nrow(sp), sum(d$time == 0)))
p("w min max mean sum", c(min(sp$w), max(sp$w), mean(sp$w), sum(sp$w)))
p("unstabilised w min max mean", c(min(sp$wu), max(sp$wu), mean(sp$wu)))
p("w of episode P2 (id 2)", sp$w[sp$id == 2]); p("tstart of id 2", sp$tstart[sp$id == 2])
p("w of id 1", sp$w[sp$id == 1])
p("w of the first 40 split rows", sp$w[1:40])
fw <- coxph(Surv(tstart, time, status) ~ multi, data = sp, weights = w, cluster = id)
robust("ipcw", fw)
fw2 <- coxph(as.formula(paste("Surv(tstart, time, status) ~ multi +", covs)), data = sp, weights = w, cluster = id)
robust("ipcw adjusted", fw2)
