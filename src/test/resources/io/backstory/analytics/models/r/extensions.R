# Data sets and R reference values for the Cox-engine extensions (issue 10): stratified Cox, cluster-robust
# variance, counting-process (start, stop] data with time-varying weights, cox.zph, piecewise hazard ratios,
# natural splines (ns). R 4.2.2, survival 3.5-3, splines.
#
#   Rscript src/test/resources/io/backstory/analytics/models/r/extensions.R
#
# Writes, into models/ (the parent of this script's folder):
#   clinic.csv         a synthetic clinic: 1,500 episodes, 12 therapists in 3 locations, integer days (heavy
#                      ties), a delayed-entry time for 30 % of episodes, case weights
#   clinic-split.csv   clinic split at 30, 90 and 180 days (survSplit) with weights that change per period
#   heart.csv, cgd.csv survival's counting-process data sets, factors as 0/1 columns
#   veteran-full.csv   survival's veteran with prior and the cell types as 0/1 columns
#   ns-basis.csv       splines::ns bases (set, df, x, b1..b4)
#   extensions-reference.csv   case, key, value (%.17g), and the R call that produced the value
# Every Java test that reads a value names its case and key; the call is in the file next to the value.
suppressPackageStartupMessages({ library(survival); library(splines) })

script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
dir <- if (length(script) == 1) dirname(dirname(normalizePath(script))) else "."
w <- function(df, f) write.csv(df, file.path(dir, f), row.names = FALSE, quote = FALSE)

# ---- data -----------------------------------------------------------------------------------------------
# Therapists differ in baseline risk (frailty, log-hazard sd 0.4) and in how often they give multi-factor
# plans, so the stratified and plain models differ; visits depend on the plan; the plan lowers the hazard
# (HR 0.8). Censoring uniform on 30..400 days, whole days.
set.seed(20261201)
n <- 1500
therapist <- sample(1:12, n, replace = TRUE, prob = c(3, 2, 2, 1.5, 1.5, 1, 1, 1, 0.8, 0.6, 0.4, 0.2))
location <- c(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3)[therapist]
tfx <- rnorm(12, 0, 0.4)
tplan <- rnorm(12, 0, 0.8)
age <- round(rnorm(n, 45, 12))
sex <- rbinom(n, 1, 0.45)
nprs <- pmin(10, pmax(0, round(rnorm(n, 6, 2))))
plan <- rbinom(n, 1, plogis(-0.3 + tplan[therapist] + 0.15 * (nprs - 6)))
visits <- pmax(1, rpois(n, 5 + 3 * plan))
rate <- 0.003 * exp(log(0.8) * plan + 0.015 * (age - 45) + 0.1 * (nprs - 6) + tfx[therapist] - 0.05 * (visits - 6))
ttrue <- rexp(n, rate)
cens <- runif(n, 30, 400)
time <- pmax(1, ceiling(pmin(ttrue, cens)))
status <- as.integer(ttrue <= cens)
wt <- round(runif(n, 0.4, 2.5), 3)
entry <- ifelse(runif(n) < 0.3, floor(runif(n) * time), 0)
clinic <- data.frame(id = seq_len(n), therapist, location, time, status, entry, plan, age, sex, nprs, visits, w = wt)
w(clinic, "clinic.csv")

# Time-varying weights: split at 30, 90, 180 days; the weight of each piece is w times a factor per period.
split <- survSplit(Surv(time, status) ~ ., data = clinic[, c("id", "therapist", "time", "status", "w")],
                   cut = c(30, 90, 180), episode = "period")
split$wt <- split$w * c(1, 1.3, 0.7, 1.6)[split$period]
w(split[, c("id", "therapist", "tstart", "time", "status", "period", "wt")], "clinic-split.csv")
ss <- merge(split[, c("id", "tstart", "time", "status", "period", "wt")],
            clinic[, c("id", "plan", "age", "sex", "nprs")], by = "id", sort = FALSE)
ss <- ss[order(ss$id, ss$tstart), ]

hrt <- data.frame(id = heart$id, start = heart$start, stop = heart$stop, event = heart$event, age = heart$age,
                  year = heart$year, surgery = heart$surgery, transplant = as.integer(heart$transplant == 1))
w(hrt, "heart.csv")
cg <- data.frame(id = cgd$id, tstart = cgd$tstart, tstop = cgd$tstop, status = cgd$status,
                 treat = as.integer(cgd$treat == "rIFN-g"), sex = as.integer(cgd$sex == "female"), age = cgd$age,
                 inherit = as.integer(cgd$inherit == "autosomal"), steroids = cgd$steroids,
                 propylac = cgd$propylac, hos_cat = as.integer(cgd$hos.cat))
w(cg, "cgd.csv")
vet <- veteran
w(data.frame(time = vet$time, status = vet$status, trt = vet$trt, karno = vet$karno, prior = vet$prior,
             smallcell = as.integer(vet$celltype == "smallcell"), adeno = as.integer(vet$celltype == "adeno"),
             large = as.integer(vet$celltype == "large")), "veteran-full.csv")
lung_cc <- read.csv(file.path(dir, "lung.csv"))

# ---- reference values ------------------------------------------------------------------------------------
ref <- data.frame(case = character(), key = character(), value = character(), r_call = character(),
                  stringsAsFactors = FALSE)
put <- function(case, key, value, call) {
  ref[nrow(ref) + 1, ] <<- list(case, key, sprintf("%.17g", as.numeric(value)), call)
}
# R coefficient names -> the Java column names used by the tests
jname <- function(x) {
  x <- sub("^celltype(.+)$", "celltype[\\1]", x)
  x <- sub("^plan:strata\\(period\\)period=1$", "plan[t<=90]", x)
  x <- sub("^plan:strata\\(period\\)period=2$", "plan[t>90]", x)
  x <- sub("^karno:strata\\(tgroup\\)tgroup=1$", "karno[t<=90]", x)
  x <- sub("^karno:strata\\(tgroup\\)tgroup=2$", "karno[90<t<=180]", x)
  x <- sub("^karno:strata\\(tgroup\\)tgroup=3$", "karno[t>180]", x)
  x <- sub("^ns\\(visits, df = 3\\)([0-9])$", "visits[ns\\1]", x)
  x <- sub("^ns\\(visits, df = 3\\)$", "visits", x)
  x <- sub("^(sex|chronicity|startback)(.+)$", "\\1[\\2]", x)
  x
}
cox <- function(case, call, data) {
  fit <- eval(parse(text = call), envir = list2env(list(d = data), parent = globalenv()))
  nm <- jname(names(coef(fit)))
  se <- rep(NA, length(coef(fit)))
  se[!is.na(coef(fit))] <- sqrt(diag(vcov(fit)))
  for (j in seq_along(nm)) {
    if (is.na(coef(fit)[j])) next  # not estimable (NA): the Java fit drops the column
    put(case, paste0("coef.", nm[j]), coef(fit)[j], paste0("coef(", call, ")[", j, "]"))
    put(case, paste0("se.", nm[j]), se[j], paste0("sqrt(diag(vcov(", call, ")))[", j, "]"))
  }
  put(case, "loglik0", fit$loglik[1], paste0(call, "$loglik[1]"))
  put(case, "loglik1", fit$loglik[2], paste0(call, "$loglik[2]"))
  put(case, "score", fit$score, paste0(call, "$score"))
  put(case, "iter", fit$iter, paste0(call, "$iter"))
  put(case, "n", fit$n, paste0(call, "$n"))
  put(case, "nevent", fit$nevent, paste0(call, "$nevent"))
  if (grepl("cluster = ", call)) {
    cl <- sub(".*cluster = ([a-z_]+).*", "\\1", call)
    put(case, "nclusters", length(unique(data[[cl]])), paste0("length(unique(d$", cl, "))"))
  }
  fit
}
zph <- function(case, fit, call, transform = "km") {
  z <- cox.zph(fit, transform = transform)$table
  rn <- jname(rownames(z))
  zc <- paste0("cox.zph(", call, ", transform = \"", transform, "\")$table")
  for (i in seq_along(rn)) {
    put(case, paste0("zph.chisq.", rn[i]), z[i, "chisq"], paste0(zc, "[\"", rownames(z)[i], "\", \"chisq\"]"))
    put(case, paste0("zph.df.", rn[i]), z[i, "df"], paste0(zc, "[\"", rownames(z)[i], "\", \"df\"]"))
    put(case, paste0("zph.p.", rn[i]), z[i, "p"], paste0(zc, "[\"", rownames(z)[i], "\", \"p\"]"))
  }
}

covs <- "plan + age + sex + nprs"
# The call for the survival outcome surv, the covariates plus terms, on d with more arguments.
coxph_call <- function(surv, terms = "", args = "") paste0("coxph(Surv(", surv, ") ~ ", covs, terms, ", data = d", args, ")")
# Stratified, weighted, clustered (right-censored).
cases <- list(
  strata = coxph_call("time, status", " + strata(therapist)"),
  strata_weights = coxph_call("time, status", " + strata(therapist)", ", weights = w, robust = FALSE"),
  cluster = coxph_call("time, status", args = ", cluster = therapist"),
  strata_cluster = coxph_call("time, status", " + strata(therapist)", ", cluster = therapist"),
  strata_cluster_location = coxph_call("time, status", " + strata(therapist)", ", cluster = location"),
  weights_cluster = coxph_call("time, status", args = ", weights = w, cluster = therapist"),
  strata_weights_cluster = coxph_call("time, status", " + strata(therapist)", ", weights = w, cluster = therapist"),
  strata_robust = coxph_call("time, status", " + strata(therapist)", ", robust = TRUE"),
  # counting process with delayed entry (entry times tie with event times)
  entry = coxph_call("entry, time, status"),
  entry_strata_weights_cluster = coxph_call("entry, time, status", " + strata(therapist)", ", weights = w, cluster = therapist"),
  ns = coxph_call("time, status", " + ns(visits, df = 3)"),
  visits = coxph_call("time, status", " + visits"),
  plain = coxph_call("time, status"))
fits <- list()
for (k in names(cases)) fits[[k]] <- cox(k, cases[[k]], clinic)

# Time-varying weights on the split data, clustered by episode.
split_call <- coxph_call("tstart, time, status", args = ", weights = wt, cluster = id")
fs <- cox("split_weights_cluster", split_call, ss)
zph("split_weights_cluster_zph", fs, split_call)
ss_t <- merge(ss, clinic[, c("id", "therapist")], by = "id", sort = FALSE)
split_strata_call <- coxph_call("tstart, time, status", " + strata(therapist)", ", weights = wt, cluster = id")
invisible(cox("split_strata_weights_cluster", split_strata_call, ss_t))

# The clinic stacked 40 times (60,000 rows, above the two-thread threshold of 50,000 rows): the same
# models take the Java fits' two-thread paths (scatter, cross-products, residuals split at a cluster).
big <- clinic[rep(seq_len(n), 40), ]
big_call <- cases$strata_weights_cluster
fb <- cox("big_strata_weights_cluster", big_call, big)
zph("big_strata_weights_cluster_zph", fb, big_call)
invisible(cox("big_entry_cluster_id", coxph_call("entry, time, status", " + strata(therapist)", ", weights = w, cluster = id"), big))
bss <- ss[rep(seq_len(nrow(ss)), 15), ]
bss$cid <- bss$id + n * rep(0:14, each = nrow(ss))
invisible(cox("big_split_weights_cluster", coxph_call("tstart, time, status", args = ", weights = wt, cluster = cid"), bss))

# survival's own counting-process data.
heart_call <- "coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = d)"
fh <- cox("heart", heart_call, hrt)
invisible(cox("heart_cluster", "coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = d, cluster = id)", hrt))
cgd_call <- "coxph(Surv(tstart, tstop, status) ~ treat + sex + age + inherit + steroids + propylac + strata(hos_cat), data = d, cluster = id)"
invisible(cox("cgd", cgd_call, cg))

# cox.zph (default transform "km", and the others), unstratified, stratified, weighted, counting process.
fv_call <- "coxph(Surv(time, status) ~ trt + karno + celltype, data = d)"
fv <- cox("veteran", fv_call, vet)
for (tr in c("km", "identity", "rank", "log")) zph(paste0("veteran_zph_", tr), fv, fv_call, tr)
fl_call <- "coxph(Surv(time, status) ~ age + sex + ph_ecog, data = d)"
fl <- cox("lung", fl_call, lung_cc)
zph("lung_zph", fl, fl_call)
zph("strata_zph", fits$strata, cases$strata)
zph("plain_zph", fits$plain, cases$plain)
zph("ns_zph", fits$ns, cases$ns)
fw_call <- coxph_call("time, status", " + strata(therapist)", ", weights = w")
fw <- cox("strata_weighted", fw_call, clinic)
zph("strata_weighted_zph", fw, fw_call)
zph("entry_zph", fits$entry, cases$entry)
zph("heart_zph", fh, heart_call)

# Piecewise hazard ratio (survSplit, then plan:strata(period)).
s90 <- survSplit(Surv(time, status) ~ ., data = clinic, cut = 90, episode = "period")
invisible(cox("piecewise", paste0("coxph(Surv(tstart, time, status) ~ plan:strata(period) + age + sex + nprs, data = d)"), s90))
invisible(cox("piecewise_strata_cluster",
    "coxph(Surv(tstart, time, status) ~ plan:strata(period) + age + sex + nprs + strata(therapist), data = d, cluster = therapist)",
    s90))
vet2 <- survSplit(Surv(time, status) ~ ., data = veteran, cut = c(90, 180), episode = "tgroup", id = "id")
invisible(cox("piecewise_veteran", "coxph(Surv(tstart, time, status) ~ trt + prior + karno:strata(tgroup), data = d)", vet2))

# The dose model through DesignMatrix (Terms.WITH_VISITS_SPLINE) on the pipeline cohort: complete cases,
# no horizon, isolated = breadth <= 1, factors coded against their first level.
coh <- read.csv(file.path(dirname(dir), "pipeline", "cohort.csv"), na.strings = c("", "NA"), stringsAsFactors = FALSE)
coh$sex <- factor(coh$sex, levels = c("F", "M", "X"))
coh$chronicity <- factor(coh$chronicity, levels = c("acute", "subacute", "chronic"))
coh$startback <- factor(coh$startback, levels = c("low", "medium", "high"))
coh$multifactor <- as.integer(coh$f_movement + coh$f_mobility + coh$f_strength + coh$f_recovery + coh$f_beliefs > 1)
coh_cc <- coh[complete.cases(coh[, c("age", "sex", "chronicity", "baseline_nprs", "baseline_odi", "fabq_pa",
                                     "startback", "prior_episodes")]), ]
invisible(cox("cohort_ns", paste0("coxph(Surv(time_days, recurred) ~ multifactor + age + sex + chronicity + baseline_nprs",
    " + baseline_odi + fabq_pa + startback + prior_episodes + ns(visits, df = 3), data = d)"), coh_cc))

# Natural spline bases.
basis <- NULL
sets <- list(visits = clinic$visits, age = lung_cc$age,
             cont = c(0.5, 1.7, 2.2, 3.9, 4.1, 5.5, 7.3, 8.8, 9.0, 10.6, round(rnorm(40, 5, 2.5), 4)))
for (s in names(sets)) for (df in 1:4) {
  x <- sets[[s]]
  b <- ns(x, df = df)
  ux <- sort(unique(x))
  bu <- predict(b, ux)
  m <- matrix(NA, length(ux), 4)
  m[, 1:df] <- bu
  basis <- rbind(basis, data.frame(set = s, df = df, x = ux, b1 = m[, 1], b2 = m[, 2], b3 = m[, 3], b4 = m[, 4]))
  kn <- attr(b, "knots")
  for (i in seq_along(kn)) put(paste0("ns_", s, "_", df), paste0("knot.", i), kn[i],
                               paste0("attr(ns(", s, ", df = ", df, "), \"knots\")[", i, "]"))
}
write.csv(transform(basis, x = sprintf("%.17g", x), b1 = sprintf("%.17g", b1), b2 = sprintf("%.17g", b2),
                    b3 = sprintf("%.17g", b3), b4 = sprintf("%.17g", b4)),
          file.path(dir, "ns-basis.csv"), row.names = FALSE, quote = FALSE)

write.csv(ref, file.path(dir, "extensions-reference.csv"), row.names = FALSE, quote = TRUE)
cat("wrote", nrow(ref), "reference values\n")
