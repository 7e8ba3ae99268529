# Reference values for RecurrenceAnalysisRTest: every key of `analyze --json` (docs/analysis-json.md)
# computed independently with R (stats + survival) on cohort.csv, exactly as the document defines it.
#
#   Rscript src/test/resources/io/backstory/analytics/pipeline/reference.R
#
# writes, beside this script, one file per analyze setting: reference.csv for the defaults (horizon 365,
# isolated = breadth <= 1) and reference-h180-b2.csv for `--horizon 180 --isolated-max-breadth 2`, where
# truncation turns many more recurrences into censoring. One row per JSON key (flattened: objects joined
# with ".", model terms and factors by name, curve points by 0-based row and column), its value (%.17g)
# and the R call that produced it. Written with R 4.2.2, survival 3.5-3.
suppressPackageStartupMessages(library(survival))
library(splines)

script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
z95 <- qnorm(0.975)
source(file.path(dirname(dir), "balance.R"))  # levels_of, smd, ess

put <- function(key, value, call) {
  v <- if (is.character(value)) value
       else if (is.logical(value)) tolower(as.character(value))
       else if (is.na(value)) "NA"
       else sprintf("%.17g", as.numeric(value))
  ref[nrow(ref) + 1, ] <<- list(key, v, call)
}

read <- function(file) read.csv(file.path(dir, file), na.strings = c("", "NA"), stringsAsFactors = FALSE)

# file: the cohort; check_ins: analyze --check-in-days (the IPCW split times). A cohort with therapist_id (the
# planted differential-loss cohort) gets the therapist-stratified primary model with robust variance by therapist,
# and with recovered the persistent-pain and composite keys.
reference <- function(horizon, isolated_max, out, file = "cohort.csv", check_ins = c(30, 91, 183, 365)) {
  ref <<- data.frame(key = character(), value = character(), r_call = character(), stringsAsFactors = FALSE)
  d <- read(file)
  has_therapist <- "therapist_id" %in% names(d) && all(!is.na(d$therapist_id))
  has_recovered <- "recovered" %in% names(d)
  # Treatment coding against the first level (DESIGN §4): sex F, chronicity acute, STarT Back low.
  d$sex <- factor(d$sex, levels = c("F", "M", "X"))
  d$chronicity <- factor(d$chronicity, levels = c("acute", "subacute", "chronic"))
  d$startback <- factor(d$startback, levels = c("low", "medium", "high"))
  d$breadth <- d$f_movement + d$f_mobility + d$f_strength + d$f_recovery + d$f_beliefs
  d$multifactor <- as.integer(d$breadth > isolated_max)
  # Truncation at the horizon: time = min(time, horizon); an event counts only when it happened by then.
  d$time <- pmin(d$time_days, horizon)
  d$status <- as.integer(d$recurred == 1 & d$time_days <= horizon)

  covariates <- "age + sex + chronicity + baseline_nprs + baseline_odi + fabq_pa + startback + prior_episodes"
  covariate_columns <- c("age", "sex", "chronicity", "baseline_nprs", "baseline_odi", "fabq_pa", "startback", "prior_episodes")
  term_name <- function(x) {
    x <- sub("^sex(M|X)$", "sex[\\1]", x)
    x <- sub("^chronicity(subacute|chronic)$", "chronicity[\\1]", x)
    x <- sub("^startback(medium|high)$", "startback[\\1]", x)
    x <- sub("^ns\\(visits, df = 3\\)([0-9])$", "visits[ns\\1]", x)
    sub("^\\(Intercept\\)$", "(intercept)", x)
  }

  put("n", nrow(d), "nrow(d)")
  put("events", sum(d$status), "sum(d$status)")
  put("horizon_days", horizon, "horizon")
  put("isolated_max_breadth", isolated_max, "isolated_max")

  # Binary analyses at the horizon: recurred by the horizon or followed for the whole of it.
  b <- d[d$status == 1 | d$time_days >= horizon, ]
  put("follow_up_completeness", nrow(b) / nrow(d), "nrow(b) / nrow(d)")

  x <- c(isolated = sum(b$status[b$multifactor == 0]), multi = sum(b$status[b$multifactor == 1]))
  m <- c(isolated = sum(b$multifactor == 0), multi = sum(b$multifactor == 1))
  for (g in c("isolated", "multi")) {
    pt <- prop.test(x[[g]], m[[g]], correct = FALSE)
    put(paste0("rates.", g, ".n"), m[[g]], "sum(b$multifactor == g)")
    put(paste0("rates.", g, ".events"), x[[g]], "sum(b$status[b$multifactor == g])")
    put(paste0("rates.", g, ".rate"), pt$estimate, "prop.test(x, n, correct = FALSE)$estimate")
    put(paste0("rates.", g, ".lower"), pt$conf.int[1], "prop.test(x, n, correct = FALSE)$conf.int[1]")
    put(paste0("rates.", g, ".upper"), pt$conf.int[2], "prop.test(x, n, correct = FALSE)$conf.int[2]")
  }

  # 2 x 2, multi-factor over isolated.
  a <- x[["multi"]]; n1 <- m[["multi"]]; c0 <- x[["isolated"]]; n2 <- m[["isolated"]]
  tab <- matrix(c(a, n1 - a, c0, n2 - c0), 2, byrow = TRUE)
  rr <- (a / n1) / (c0 / n2); se_rr <- sqrt(1 / a - 1 / n1 + 1 / c0 - 1 / n2)
  or <- (a * (n2 - c0)) / ((n1 - a) * c0); se_or <- sqrt(sum(1 / tab))
  p1 <- a / n1; p2 <- c0 / n2; rd <- p1 - p2; se_rd <- sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
  chi <- chisq.test(tab, correct = FALSE)
  put("two_by_two.rr", rr, "(a / n1) / (c / n2)")
  put("two_by_two.rr_lower", exp(log(rr) - z95 * se_rr), "exp(log(rr) - qnorm(0.975) * sqrt(1/a - 1/n1 + 1/c - 1/n2))  # Katz")
  put("two_by_two.rr_upper", exp(log(rr) + z95 * se_rr), "exp(log(rr) + qnorm(0.975) * sqrt(1/a - 1/n1 + 1/c - 1/n2))  # Katz")
  put("two_by_two.or", or, "(a * d) / (b * c)")
  put("two_by_two.or_lower", exp(log(or) - z95 * se_or), "exp(log(or) - qnorm(0.975) * sqrt(sum(1 / tab)))  # Woolf")
  put("two_by_two.or_upper", exp(log(or) + z95 * se_or), "exp(log(or) + qnorm(0.975) * sqrt(sum(1 / tab)))  # Woolf")
  put("two_by_two.rd", rd, "a/n1 - c/n2")
  put("two_by_two.rd_lower", rd - z95 * se_rd, "rd - qnorm(0.975) * sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)  # Wald")
  put("two_by_two.rd_upper", rd + z95 * se_rd, "rd + qnorm(0.975) * sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)  # Wald")
  put("two_by_two.chisq", chi$statistic, "chisq.test(tab, correct = FALSE)$statistic")
  put("two_by_two.chisq_p", chi$p.value, "chisq.test(tab, correct = FALSE)$p.value")
  put("two_by_two.fisher_p", fisher.test(tab)$p.value, "fisher.test(tab)$p.value")

  # Trend over the breadth values present.
  bx <- tapply(b$status, b$breadth, sum); bn <- tapply(b$status, b$breadth, length)
  tr <- prop.trend.test(bx, bn, score = as.numeric(names(bn)))
  put("trend.chisq", tr$statistic, "prop.trend.test(x, n, score = breadth)$statistic")
  put("trend.p", tr$p.value, "prop.trend.test(x, n, score = breadth)$p.value")

  # Kaplan-Meier per group (survfit defaults: Greenwood, log CI), truncated data.
  for (g in c("isolated", "multi")) {
    dg <- d[d$multifactor == (g == "multi"), ]
    fit <- survfit(Surv(time, status) ~ 1, data = dg)
    s <- summary(fit, times = horizon)
    k <- paste0("km.", g, ".")
    put(paste0(k, "n"), fit$n, "survfit(Surv(time, status) ~ 1)$n")
    put(paste0(k, "events"), sum(fit$n.event), "sum(survfit(...)$n.event)")
    put(paste0(k, "surv_at_horizon"), s$surv, "summary(survfit(...), times = horizon)$surv")
    put(paste0(k, "lower"), s$lower, "summary(survfit(...), times = horizon)$lower")
    put(paste0(k, "upper"), s$upper, "summary(survfit(...), times = horizon)$upper")
    for (i in seq_along(fit$time)) {
      p <- paste0(k, "curve.", i - 1, ".")
      put(paste0(p, 0), fit$time[i], "survfit(...)$time[i]")
      put(paste0(p, 1), fit$surv[i], "survfit(...)$surv[i]")
      put(paste0(p, 2), fit$lower[i], "survfit(...)$lower[i]")
      put(paste0(p, 3), fit$upper[i], "survfit(...)$upper[i]")
      put(paste0(p, 4), fit$n.risk[i], "survfit(...)$n.risk[i]")
    }
  }

  # Log-rank: 2 groups and the breadth values present.
  logrank <- function(key, formula) {
    sd <- survdiff(formula, data = d)
    df <- sum(sd$exp > 0) - 1
    call <- paste0("survdiff(", deparse(formula), ")")
    put(paste0(key, ".chisq"), sd$chisq, paste0(call, "$chisq"))
    put(paste0(key, ".df"), df, paste0("sum(", call, "$exp > 0) - 1"))
    put(paste0(key, ".p"), pchisq(sd$chisq, df, lower.tail = FALSE), paste0("pchisq(", call, "$chisq, df, lower.tail = FALSE)"))
  }
  logrank("logrank", Surv(time, status) ~ multifactor)
  logrank("logrank_breadth", Surv(time, status) ~ breadth)

  # Cox models, Efron ties, complete cases (na.omit).
  cox_keys <- function(key, fit, call) {
    co <- summary(fit)$coefficients
    ci <- exp(confint(fit))
    put(paste0(key, ".n"), fit$n, paste0(call, "$n"))
    put(paste0(key, ".events"), fit$nevent, paste0(call, "$nevent"))
    put(paste0(key, ".loglik"), fit$loglik[2], paste0(call, "$loglik[2]"))
    put(paste0(key, ".loglik_null"), fit$loglik[1], paste0(call, "$loglik[1]"))
    lr <- 2 * diff(fit$loglik)
    put(paste0(key, ".lr_chisq"), lr, paste0("2 * diff(", call, "$loglik)"))
    put(paste0(key, ".lr_df"), length(coef(fit)), paste0("length(coef(", call, "))"))
    put(paste0(key, ".lr_p"), pchisq(lr, length(coef(fit)), lower.tail = FALSE), "pchisq(lr, df, lower.tail = FALSE)")
    put(paste0(key, ".converged"), fit$iter < coxph.control()$iter.max, paste0(call, "$iter < coxph.control()$iter.max"))
    for (j in seq_len(nrow(co))) {
      p <- paste0(key, ".terms.", term_name(rownames(co)[j]), ".")
      put(paste0(p, "coef"), co[j, "coef"], paste0("summary(", call, ")$coefficients[, 'coef']"))
      se_col <- if ("robust se" %in% colnames(co)) "robust se" else "se(coef)"
      put(paste0(p, "se"), co[j, se_col], paste0("summary(", call, ")$coefficients[, '", se_col, "']"))
      put(paste0(p, "hr"), co[j, "exp(coef)"], paste0("summary(", call, ")$coefficients[, 'exp(coef)']"))
      put(paste0(p, "lower"), ci[j, 1], paste0("exp(confint(", call, "))[, 1]"))
      put(paste0(p, "upper"), ci[j, 2], paste0("exp(confint(", call, "))[, 2]"))
      put(paste0(p, "z"), co[j, "z"], paste0("summary(", call, ")$coefficients[, 'z']"))
      put(paste0(p, "p"), co[j, "Pr(>|z|)"], paste0("summary(", call, ")$coefficients[, 'Pr(>|z|)']"))
    }
  }
  cox <- coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates)), data = d, ties = "efron")
  cox_keys("cox", cox, "coxph(Surv(time, status) ~ multifactor + covariates, ties = 'efron')")
  # Issue 10: the primary model is stratified by therapist with robust variance by therapist when the data say
  # who treated each patient (and there are at least 2); otherwise it is the plain adjusted model.
  stratified <- has_therapist && length(unique(d$therapist_id[complete.cases(d[, covariate_columns])])) >= 2
  strata_term <- if (stratified) " + strata(therapist_id)" else ""
  primary <- if (stratified) coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates, strata_term)),
                                   data = d, ties = "efron", cluster = therapist_id) else cox
  cox_keys("primary", primary, if (stratified) "coxph(Surv(time, status) ~ multifactor + covariates + strata(therapist_id), cluster = therapist_id)"
                               else "coxph(Surv(time, status) ~ multifactor + covariates)  # no therapist_id: not stratified")
  put("therapists", if (has_therapist) length(unique(d$therapist_id[complete.cases(d[, covariate_columns])])) else 0,
      "length(unique(therapist_id))  # complete cases; 0 without the column")
  zph <- cox.zph(primary, transform = "km")
  put("ph_test.transform", "km", "cox.zph(fit, transform = 'km')")
  for (r in rownames(zph$table)) {
    k <- if (r == "GLOBAL") "ph_test.global" else paste0("ph_test.terms.", r)
    put(paste0(k, ".chisq"), zph$table[r, "chisq"], "cox.zph(primary, transform = 'km')$table[, 'chisq']")
    put(paste0(k, ".df"), zph$table[r, "df"], "cox.zph(primary, transform = 'km')$table[, 'df']")
    put(paste0(k, ".p"), zph$table[r, "p"], "cox.zph(primary, transform = 'km')$table[, 'p']")
  }
  ph_plan_p <- zph$table["multifactor", "p"]; ph_global_p <- zph$table["GLOBAL", "p"]
  ph_fails <- ph_plan_p < 0.05 || ph_global_p < 0.05
  recovery_days <- 30
  # The visits-adjusted model: visits as a natural cubic spline (same strata as the primary model).
  cox_visits <- if (stratified) coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates, "+ ns(visits, df = 3)", strata_term)),
                                      data = d, ties = "efron", cluster = therapist_id)
                else coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates, "+ ns(visits, df = 3)")), data = d, ties = "efron")
  cox_keys("cox_with_visits", cox_visits, "coxph(Surv(time, status) ~ multifactor + covariates + splines::ns(visits, df = 3))")
  vc <- exp(coef(cox_visits)[["multifactor"]]) / exp(coef(primary)[["multifactor"]])
  put("visits_change.ratio", vc, "exp(coef(cox_visits)['multifactor']) / exp(coef(primary)['multifactor'])")
  put("visits_change.percent", 100 * (vc - 1), "100 * (ratio - 1)")

  # Logistic regression at the horizon.
  lg <- glm(as.formula(paste("status ~ multifactor +", covariates)), family = binomial, data = b)
  lco <- summary(lg)$coefficients
  lci <- exp(confint.default(lg))
  put("logistic.deviance", deviance(lg), "deviance(glm(status ~ multifactor + covariates, family = binomial, data = b))")
  put("logistic.null_deviance", lg$null.deviance, "glm(...)$null.deviance")
  put("logistic.n", nobs(lg), "nobs(glm(...))")
  put("logistic.converged", lg$converged, "glm(...)$converged")
  # glm.fit's own separation signal: fitted probabilities numerically 0 or 1 (it warns), none here.
  eps <- 10 * .Machine$double.eps
  put("logistic.separation", any(fitted(lg) > 1 - eps | fitted(lg) < eps), "any(fitted(glm(...)) > 1 - 10 * .Machine$double.eps | < 10 * eps)")
  for (j in seq_len(nrow(lco))) {
    p <- paste0("logistic.terms.", term_name(rownames(lco)[j]), ".")
    put(paste0(p, "coef"), lco[j, "Estimate"], "summary(glm(...))$coefficients[, 'Estimate']")
    put(paste0(p, "se"), lco[j, "Std. Error"], "summary(glm(...))$coefficients[, 'Std. Error']")
    put(paste0(p, "or"), exp(lco[j, "Estimate"]), "exp(coef(glm(...)))")
    put(paste0(p, "lower"), lci[j, 1], "exp(confint.default(glm(...)))[, 1]")
    put(paste0(p, "upper"), lci[j, 2], "exp(confint.default(glm(...)))[, 2]")
    put(paste0(p, "z"), lco[j, "z value"], "summary(glm(...))$coefficients[, 'z value']")
    put(paste0(p, "p"), lco[j, "Pr(>|z|)"], "summary(glm(...))$coefficients[, 'Pr(>|z|)']")
  }

  # Each factor as its own term in the adjusted Cox model; Benjamini-Hochberg over the five.
  factors <- c("f_movement", "f_mobility", "f_strength", "f_recovery", "f_beliefs")
  cf <- coxph(as.formula(paste("Surv(time, status) ~", paste(factors, collapse = " + "), "+", covariates)), data = d, ties = "efron")
  fco <- summary(cf)$coefficients[factors, ]
  fci <- exp(confint(cf))[factors, ]
  fbh <- p.adjust(fco[, "Pr(>|z|)"], method = "BH")
  for (f in factors) {
    p <- paste0("factors.", f, ".")
    put(paste0(p, "hr"), fco[f, "exp(coef)"], "summary(coxph(Surv(time, status) ~ f_* + covariates))$coefficients[, 'exp(coef)']")
    put(paste0(p, "lower"), fci[f, 1], "exp(confint(coxph(...)))[, 1]")
    put(paste0(p, "upper"), fci[f, 2], "exp(confint(coxph(...)))[, 2]")
    put(paste0(p, "p"), fco[f, "Pr(>|z|)"], "summary(coxph(...))$coefficients[, 'Pr(>|z|)']")
    put(paste0(p, "p_bh"), fbh[[f]], "p.adjust(p, method = 'BH')")
  }

  # IPTW: propensity of a multi-factor plan on the covariates (complete cases), stabilised weights truncated at
  # their 1st and 99th percentiles (type 7), weighted Cox model with the robust (sandwich) variance; balance by
  # standardised mean differences (Austin 2009: unweighted pooled SD; p (1 - p) for 0/1 columns), Kish ESS.
  cc <- d[complete.cases(d[, covariate_columns]), ]
  ps <- fitted(glm(as.formula(paste("multifactor ~", covariates)), family = binomial, data = cc))
  pt <- mean(cc$multifactor)
  w0 <- ifelse(cc$multifactor == 1, pt / ps, (1 - pt) / (1 - ps))
  q <- quantile(w0, c(.01, .99))
  w <- pmin(pmax(w0, q[1]), q[2])
  iw <- coxph(Surv(time, status) ~ multifactor, data = cc, weights = w, robust = TRUE, ties = "efron")
  ise <- sqrt(iw$var[1, 1])
  iptw_ci <- exp(coef(iw)[[1]] + c(-1, 1) * z95 * ise)
  put("iptw.hr", exp(coef(iw)[[1]]), "exp(coef(coxph(Surv(time, status) ~ multifactor, weights = w_trunc, robust = TRUE)))")
  put("iptw.lower", iptw_ci[1], "exp(coef - qnorm(0.975) * sqrt(coxph(..., robust = TRUE)$var))")
  put("iptw.upper", iptw_ci[2], "exp(coef + qnorm(0.975) * sqrt(coxph(..., robust = TRUE)$var))")
  put("iptw.se", ise, "sqrt(coxph(..., weights = w_trunc, robust = TRUE)$var)  # robust se")
  put("iptw.min_weight", min(w), "min(w_trunc)")
  put("iptw.max_weight", max(w), "max(w_trunc)")
  put("iptw.mean_weight", mean(w), "mean(w_trunc)")
  put("iptw.lower_cut", q[[1]], "quantile(w, .01)")
  put("iptw.upper_cut", q[[2]], "quantile(w, .99)")
  put("iptw.max_untruncated_weight", max(w0), "max(w)")
  put("iptw.ess_multi", ess(w[cc$multifactor == 1]), "sum(w_trunc[multi])^2 / sum(w_trunc[multi]^2)")
  put("iptw.ess_isolated", ess(w[cc$multifactor == 0]), "sum(w_trunc[!multi])^2 / sum(w_trunc[!multi]^2)")
  L <- levels_of(cc)
  before <- sapply(L, smd, t = cc$multifactor, w = rep(1, nrow(cc)))
  after <- sapply(L, smd, t = cc$multifactor, w = w)
  put("iptw.max_abs_smd_before", max(abs(before)), "max(abs(smd before))")
  put("iptw.max_abs_smd_after", max(abs(after)), "max(abs(smd after))")
  put("iptw.truncated_rows", sum(w != w0), "sum(w_trunc != w)")
  put("iptw.n_multi", sum(cc$multifactor == 1), "sum(multi)")
  put("iptw.n_isolated", sum(cc$multifactor == 0), "sum(!multi)")
  balanced <- all(abs(after) < 0.1)
  put("iptw.balanced", balanced, "all(abs(smd after) < 0.1)")
  for (k in names(L)) {
    put(paste0("iptw.balance.", k, ".smd_before"), before[[k]], "(mean_T - mean_U) / sqrt((s2_T + s2_U) / 2)")
    put(paste0("iptw.balance.", k, ".smd_after"), after[[k]], "(weighted.mean_T - weighted.mean_U) / sqrt((s2_T + s2_U) / 2)")
  }

  # Loss to follow-up on every episode: lost = censored before the horizon without a recurrence.
  d$lost <- as.integer(d$status == 0 & d$time < horizon)
  km <- survfit(Surv(time, status) ~ multifactor, data = d)
  S <- function(g, t) summary(km[g + 1], times = t, extend = TRUE)$surv
  rk <- survfit(Surv(time, 1 - status) ~ multifactor, data = d)
  risk <- c(1 - S(0, horizon), 1 - S(1, horizon))
  other <- sapply(0:1, function(g) { x <- d[d$multifactor == g, ]; o <- 1 - g
    (sum(x$status) + sum(1 - S(o, horizon) / S(o, x$time[x$lost == 1]))) / nrow(x) })
  e <- tapply(d$status, d$multifactor, sum); l <- tapply(d$lost, d$multifactor, sum); nn <- tapply(d$status, d$multifactor, length)
  comp <- 1 - l / nn
  for (g in 0:1) {
    k <- paste0("loss_to_follow_up.", if (g == 1) "multi" else "isolated", ".")
    put(paste0(k, "n"), nn[[g + 1]], "sum(multi == g)")
    put(paste0(k, "events"), e[[g + 1]], "sum(status[multi == g])")
    put(paste0(k, "lost"), l[[g + 1]], "sum(status == 0 & time < horizon)")
    put(paste0(k, "completeness"), comp[[g + 1]], "1 - lost / n")
    put(paste0(k, "median_follow_up"), summary(rk)$table[g + 1, "median"], "summary(survfit(Surv(time, 1 - status) ~ multi))$table[, 'median']")
    put(paste0(k, "risk_at_horizon"), risk[g + 1], "1 - summary(survfit(...), times = horizon, extend = TRUE)$surv")
    put(paste0(k, "risk_if_other_rate"), other[g + 1], "(events + sum(1 - S_other(h) / S_other(c_lost))) / n")
  }
  gap <- comp[[2]] - comp[[1]]
  put("loss_to_follow_up.completeness_gap", gap, "completeness multi - isolated")
  put("loss_to_follow_up.risk_difference", risk[2] - risk[1], "KM risk multi - isolated")
  put("loss_to_follow_up.risk_difference_other_rate", other[2] - other[1], "other-rate risk multi - isolated")
  put("loss_to_follow_up.risk_difference_all_lost", (e[[2]] + l[[2]]) / nn[[2]] - (e[[1]] + l[[1]]) / nn[[1]], "(events + lost) / n, multi - isolated")
  put("loss_to_follow_up.risk_difference_lowest", e[[2]] / nn[[2]] - (e[[1]] + l[[1]]) / nn[[1]], "e1/n1 - (e0 + l0)/n0")
  put("loss_to_follow_up.risk_difference_highest", (e[[2]] + l[[2]]) / nn[[2]] - e[[1]] / nn[[1]], "(e1 + l1)/n1 - e0/n0")
  bg <- if (risk[2] < risk[1]) 2 else 1
  tipping <- if (l[[bg]] == 0 || risk[2] == risk[1]) NA else (risk[3 - bg] * nn[[bg]] - e[[bg]]) / l[[bg]]
  put("loss_to_follow_up.tipping_share", tipping, "(risk_other * n_better - events_better) / lost_better")
  put("loss_to_follow_up.tipping_group_multi", risk[2] < risk[1], "KM risk multi < isolated")

  # IPCW on the complete cases: censoring model on group + covariates, stabilised by the group-only model,
  # follow-up split at the check-in days before the horizon (30, 91, 183), weight K(max(tstart, 0)).
  cc$lost <- as.integer(cc$status == 0 & cc$time < horizon)
  cc$id <- seq_len(nrow(cc))
  cfit <- coxph(as.formula(paste("Surv(time, lost) ~ multifactor +", covariates)), data = cc)
  nfit <- coxph(Surv(time, lost) ~ multifactor, data = cc)
  cuts <- check_ins[check_ins < horizon]
  sp <- survSplit(Surv(time, status) ~ ., data = cc, cut = cuts, start = "tstart", zero = -1)
  K <- function(fit, t, nd) { bh <- basehaz(fit, centered = FALSE)
    exp(-stepfun(bh$time, c(0, bh$hazard))(t) * exp(predict(fit, nd, type = "lp", reference = "zero"))) }
  sp$w <- K(nfit, pmax(sp$tstart, 0), sp) / K(cfit, pmax(sp$tstart, 0), sp)
  fw <- coxph(as.formula(paste("Surv(tstart, time, status) ~ multifactor +", covariates)), data = sp, weights = w, cluster = id)
  fse <- sqrt(fw$var[1, 1])
  ipcw_ci <- exp(coef(fw)[["multifactor"]] + c(-1, 1) * z95 * fse)
  put("ipcw.lost", sum(cc$lost), "sum(status == 0 & time < horizon)  # complete cases")
  put("ipcw.intervals", nrow(sp), "nrow(survSplit(..., cut = check-in days, zero = -1))")
  put("ipcw.min_weight", min(sp$w), "min(w)"); put("ipcw.max_weight", max(sp$w), "max(w)"); put("ipcw.mean_weight", mean(sp$w), "mean(w)")
  put("ipcw.hr", exp(coef(fw)[["multifactor"]]), "exp(coef(coxph(Surv(tstart, time, status) ~ multifactor + covariates, weights = w, cluster = id)))")
  put("ipcw.lower", ipcw_ci[1], "exp(coef - qnorm(0.975) * robust se)")
  put("ipcw.upper", ipcw_ci[2], "exp(coef + qnorm(0.975) * robust se)")
  put("ipcw.se", fse, "sqrt(fit$var)  # robust se clustered by episode")

  # Only when the PH test fails: the piecewise HR (cut at 90 days) and the IPTW-standardised risk difference at
  # the horizon (its bootstrap interval is Java's seeded resampling, not reproducible in R).
  rd_ci <- c(NA, NA)
  if (ph_fails) {
    s90 <- survSplit(Surv(time, status) ~ ., data = cc, cut = 90, episode = "period", start = "tstart", zero = -1)
    pw <- if (stratified) coxph(as.formula(paste("Surv(tstart, time, status) ~ multifactor:strata(period) +", covariates, strata_term)),
                                data = s90, cluster = therapist_id)
          else coxph(as.formula(paste("Surv(tstart, time, status) ~ multifactor:strata(period) +", covariates)), data = s90)
    # the interaction terms come after the covariates in R's coefficient table: pick them by name
    pw_terms <- grep("^multifactor:strata\\(period\\)", rownames(summary(pw)$coefficients))
    pco <- summary(pw)$coefficients[pw_terms, ]; pci <- exp(confint(pw))[pw_terms, ]
    put("piecewise.cut", 90, "survSplit(..., cut = 90)")
    for (j in 1:2) {
      k <- paste0("piecewise.", c("before", "after")[j], ".")
      put(paste0(k, "hr"), pco[j, "exp(coef)"], "coxph(... ~ multifactor:strata(period) + covariates)")
      put(paste0(k, "lower"), pci[j, 1], "exp(confint(...))[, 1]"); put(paste0(k, "upper"), pci[j, 2], "exp(confint(...))[, 2]")
      put(paste0(k, "p"), pco[j, "Pr(>|z|)"], "summary(...)$coefficients[, 'Pr(>|z|)']")
    }
    fit <- survfit(Surv(time, status) ~ multifactor, data = cc, weights = w)
    sv <- summary(fit, times = horizon, extend = TRUE)$surv
    put("risk_difference.risk_multi", 1 - sv[2], "1 - summary(survfit(..., weights = w_trunc), times = horizon)$surv[2]")
    put("risk_difference.risk_isolated", 1 - sv[1], "1 - summary(survfit(..., weights = w_trunc), times = horizon)$surv[1]")
    put("risk_difference.difference", sv[1] - sv[2], "risk multi - risk isolated")
    # The verdict needs the interval; Java's seeded resamples cannot be replayed, so R draws its own (the same
    # percentile bootstrap: propensity model, weights, truncation and both curves refitted per replicate). Only
    # the verdict, not the interval itself, is compared.
    set.seed(20261129)
    boot <- replicate(200, {
      bb <- cc[sample.int(nrow(cc), replace = TRUE), ]
      bps <- fitted(glm(as.formula(paste("multifactor ~", covariates)), family = binomial, data = bb))
      bpt <- mean(bb$multifactor)
      bw0 <- ifelse(bb$multifactor == 1, bpt / bps, (1 - bpt) / (1 - bps))
      bq <- quantile(bw0, c(.01, .99))
      bb$w <- pmin(pmax(bw0, bq[1]), bq[2])
      bs <- summary(survfit(Surv(time, status) ~ multifactor, data = bb, weights = w), times = horizon, extend = TRUE)$surv
      bs[1] - bs[2]
    })
    rd_ci <- quantile(boot, c(.025, .975))
  } else {
    put("piecewise", NA, "PH test passed: not fitted")
    put("risk_difference", NA, "PH test passed: not fitted")
  }
  if (has_recovered) {
    # Non-recovery by group among known status (every episode), and the composite on the complete cases.
    for (g in 0:1) {
      k <- d[!is.na(d$recovered) & d$multifactor == g, ]
      x <- sum(k$recovered == 0); m <- nrow(k); pr <- prop.test(x, m, correct = FALSE)
      pp <- paste0("persistent_pain.", if (g == 1) "multi" else "isolated", ".")
      put(paste0(pp, "n"), m, "sum(!is.na(recovered) & multi == g)"); put(paste0(pp, "events"), x, "sum(recovered == 0)")
      put(paste0(pp, "rate"), pr$estimate, "prop.test(x, n, correct = FALSE)$estimate")
      put(paste0(pp, "lower"), pr$conf.int[1], "prop.test(...)$conf.int[1]"); put(paste0(pp, "upper"), pr$conf.int[2], "prop.test(...)$conf.int[2]")
    }
    k <- d[!is.na(d$recovered), ]
    a1 <- sum(k$recovered[k$multifactor == 1] == 0); n1 <- sum(k$multifactor == 1)
    a0 <- sum(k$recovered[k$multifactor == 0] == 0); n0 <- sum(k$multifactor == 0)
    p1 <- a1 / n1; p0 <- a0 / n0; se <- sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    put("persistent_pain.rr", p1 / p0, "(a1 / n1) / (a0 / n0)")
    put("persistent_pain.rd", p1 - p0, "a1/n1 - a0/n0")
    put("persistent_pain.rd_lower", p1 - p0 - z95 * se, "Wald"); put("persistent_pain.rd_upper", p1 - p0 + z95 * se, "Wald")
    put("persistent_pain.fisher_p", fisher.test(matrix(c(a1, n1 - a1, a0, n0 - a0), 2, byrow = TRUE))$p.value, "fisher.test(tab)$p.value")
    put("persistent_pain.unknown_isolated", sum(is.na(d$recovered) & d$multifactor == 0), "sum(is.na(recovered) & !multi)")
    put("persistent_pain.unknown_multi", sum(is.na(d$recovered) & d$multifactor == 1), "sum(is.na(recovered) & multi)")
    failed <- d$status == 0 & !is.na(d$recovered) & d$recovered == 0
    d$time_c <- ifelse(failed, pmin(d$time, recovery_days), d$time)
    d$status_c <- as.integer(d$status == 1 | failed)
    comp <- if (stratified) coxph(as.formula(paste("Surv(time_c, status_c) ~ multifactor +", covariates, strata_term)), data = d, ties = "efron", cluster = therapist_id)
            else coxph(as.formula(paste("Surv(time_c, status_c) ~ multifactor +", covariates)), data = d, ties = "efron")
    cox_keys("composite", comp, "coxph(Surv(time_c, status_c) ~ multifactor + covariates (+ strata(therapist_id), cluster = therapist_id))")
  } else {
    put("persistent_pain", NA, "no recovered column")
    put("composite", NA, "no recovered column")
  }

  # E-value (VanderWeele & Ding 2017) for the adjusted HR; square-root approximation when recurrence by the
  # horizon is common (>= 15 %), HR as RR otherwise.
  hr <- co_hr <- summary(primary)$coefficients["multifactor", "exp(coef)"]
  hr_ci <- exp(confint(primary))["multifactor", ]
  common <- sum(b$status) / nrow(b) >= 0.15
  to_rr <- function(h) if (common) (1 - 0.5^sqrt(h)) / (1 - 0.5^sqrt(1 / h)) else h
  evalue <- function(rr) { r <- if (rr < 1) 1 / rr else rr; r + sqrt(r * (r - 1)) }
  e_ci <- if (hr_ci[1] <= 1 && hr_ci[2] >= 1) 1 else evalue(to_rr(if (hr > 1) hr_ci[1] else hr_ci[2]))
  put("e_value.point", evalue(to_rr(hr)), "RR = (1 - 0.5^sqrt(HR)) / (1 - 0.5^sqrt(1/HR)); RR* + sqrt(RR* (RR* - 1))")
  put("e_value.ci", e_ci, "the same for the limit closer to 1; 1 when the CI contains 1")

  # Schoenfeld: minimum detectable HR at 80 % power, alpha 0.05, from the Cox model's events and exposure share.
  pm <- mean(cc$multifactor)
  put("power.min_detectable_hr", exp(-(qnorm(0.975) + qnorm(0.8)) / sqrt(primary$nevent * pm * (1 - pm))),
      "exp(-(qnorm(0.975) + qnorm(0.8)) / sqrt(D p (1 - p)))")
  put("power.alpha", 0.05, "0.05")
  put("power.power", 0.8, "0.8")

  # The verdict rule of issue 10 (item 8) on the R figures. No therapist_id: never SUPPORTS or CONTRADICTS.
  terms <- length(coef(cox))
  vis_ci <- exp(confint(cox_visits))["multifactor", ]
  direction <- if (hr_ci[2] < 1) -1 else if (hr_ci[1] > 1) 1 else 0
  same <- function(ci) if (direction < 0) ci[2] < 1 else ci[1] > 1
  therapist_known <- has_therapist
  # PH failing is no reason when the horizon risk difference excludes 0 in the same direction (less risk = benefit)
  rd_same <- ph_fails && !any(is.na(rd_ci)) && (if (direction < 0) rd_ci[2] < 0 else rd_ci[1] > 0)
  all_hold <- direction != 0 && therapist_known && same(vis_ci) && same(iptw_ci) && same(ipcw_ci) && balanced &&
              abs(gap) <= 0.05 && (!ph_fails || rd_same)
  code <- if (sum(cc$multifactor == 1) < 30 || sum(cc$multifactor == 0) < 30 || cox$nevent < 10 * terms) "INSUFFICIENT_DATA" else
          if (all_hold && direction < 0) "SUPPORTS" else if (all_hold && direction > 0) "CONTRADICTS" else "INCONCLUSIVE"
  put("verdict.code", code, "issue 10 item 8 on primary, visits, truncated IPTW, IPCW, balance, completeness gap, cox.zph")

  write.csv(ref, file.path(dir, out), row.names = FALSE, quote = TRUE)
  cat("wrote", nrow(ref), "reference values to", file.path(dir, out), "\n")
}

reference(365, 1, "reference.csv")             # analyze's defaults
reference(180, 2, "reference-h180-b2.csv")     # analyze --horizon 180 --isolated-max-breadth 2
reference(60, 1, "reference-h60.csv")          # analyze --horizon 60: recurrence by the horizon < 15 %, the E-value takes HR as RR
# the planted differential-loss cohort (12 therapists, recovery known): analyze --check-in-days 30,91,182,365
reference(365, 1, "reference-planted-loss.csv", file = "../planted/differential-loss-null.csv", check_ins = c(30, 91, 182, 365))
# the planted delayed-benefit cohort (HR 0.3 to day 90, 1 after: the PH test fails, so the piecewise HR and the
# horizon risk difference are compared too): analyze --check-in-days 30,91,182,365
reference(365, 1, "reference-planted-delayed.csv", file = "../planted/delayed-benefit.csv", check_ins = c(30, 91, 182, 365))
