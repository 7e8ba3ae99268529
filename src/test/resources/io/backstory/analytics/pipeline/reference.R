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

script <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
dir <- if (length(script) == 1) dirname(normalizePath(script)) else "."
z95 <- qnorm(0.975)

put <- function(key, value, call) {
  v <- if (is.character(value)) value
       else if (is.logical(value)) tolower(as.character(value))
       else if (is.na(value)) "NA"
       else sprintf("%.17g", as.numeric(value))
  ref[nrow(ref) + 1, ] <<- list(key, v, call)
}

raw <- read.csv(file.path(dir, "cohort.csv"), na.strings = c("", "NA"), stringsAsFactors = FALSE)

reference <- function(horizon, isolated_max, out) {
  ref <<- data.frame(key = character(), value = character(), r_call = character(), stringsAsFactors = FALSE)
  d <- raw
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
      put(paste0(p, "se"), co[j, "se(coef)"], paste0("summary(", call, ")$coefficients[, 'se(coef)']"))
      put(paste0(p, "hr"), co[j, "exp(coef)"], paste0("summary(", call, ")$coefficients[, 'exp(coef)']"))
      put(paste0(p, "lower"), ci[j, 1], paste0("exp(confint(", call, "))[, 1]"))
      put(paste0(p, "upper"), ci[j, 2], paste0("exp(confint(", call, "))[, 2]"))
      put(paste0(p, "z"), co[j, "z"], paste0("summary(", call, ")$coefficients[, 'z']"))
      put(paste0(p, "p"), co[j, "Pr(>|z|)"], paste0("summary(", call, ")$coefficients[, 'Pr(>|z|)']"))
    }
  }
  cox <- coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates)), data = d, ties = "efron")
  cox_keys("cox", cox, "coxph(Surv(time, status) ~ multifactor + covariates, ties = 'efron')")
  cox_visits <- coxph(as.formula(paste("Surv(time, status) ~ multifactor +", covariates, "+ visits")), data = d, ties = "efron")
  cox_keys("cox_with_visits", cox_visits, "coxph(Surv(time, status) ~ multifactor + covariates + visits, ties = 'efron')")

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

  # IPTW: propensity of a multi-factor plan on the covariates (complete cases), stabilised weights,
  # weighted Cox model with the robust (sandwich) variance.
  cc <- d[complete.cases(d[, covariate_columns]), ]
  ps <- fitted(glm(as.formula(paste("multifactor ~", covariates)), family = binomial, data = cc))
  pt <- mean(cc$multifactor)
  w <- ifelse(cc$multifactor == 1, pt / ps, (1 - pt) / (1 - ps))
  iw <- coxph(Surv(time, status) ~ multifactor, data = cc, weights = w, robust = TRUE, ties = "efron")
  ise <- sqrt(iw$var[1, 1])
  put("iptw.hr", exp(coef(iw)[[1]]), "exp(coef(coxph(Surv(time, status) ~ multifactor, weights = w, robust = TRUE)))")
  put("iptw.lower", exp(coef(iw)[[1]] - z95 * ise), "exp(coef - qnorm(0.975) * sqrt(coxph(..., robust = TRUE)$var))")
  put("iptw.upper", exp(coef(iw)[[1]] + z95 * ise), "exp(coef + qnorm(0.975) * sqrt(coxph(..., robust = TRUE)$var))")
  put("iptw.se", ise, "sqrt(coxph(..., weights = w, robust = TRUE)$var)  # robust se")
  put("iptw.min_weight", min(w), "min(w)")
  put("iptw.max_weight", max(w), "max(w)")
  put("iptw.mean_weight", mean(w), "mean(w)")

  # E-value (VanderWeele & Ding 2017) for the adjusted HR; square-root approximation when recurrence by the
  # horizon is common (>= 15 %), HR as RR otherwise.
  hr <- co_hr <- summary(cox)$coefficients["multifactor", "exp(coef)"]
  hr_ci <- exp(confint(cox))["multifactor", ]
  common <- sum(b$status) / nrow(b) >= 0.15
  to_rr <- function(h) if (common) (1 - 0.5^sqrt(h)) / (1 - 0.5^sqrt(1 / h)) else h
  evalue <- function(rr) { r <- if (rr < 1) 1 / rr else rr; r + sqrt(r * (r - 1)) }
  e_ci <- if (hr_ci[1] <= 1 && hr_ci[2] >= 1) 1 else evalue(to_rr(if (hr > 1) hr_ci[1] else hr_ci[2]))
  put("e_value.point", evalue(to_rr(hr)), "RR = (1 - 0.5^sqrt(HR)) / (1 - 0.5^sqrt(1/HR)); RR* + sqrt(RR* (RR* - 1))")
  put("e_value.ci", e_ci, "the same for the limit closer to 1; 1 when the CI contains 1")

  # Schoenfeld: minimum detectable HR at 80 % power, alpha 0.05, from the Cox model's events and exposure share.
  pm <- mean(cc$multifactor)
  put("power.min_detectable_hr", exp(-(qnorm(0.975) + qnorm(0.8)) / sqrt(cox$nevent * pm * (1 - pm))),
      "exp(-(qnorm(0.975) + qnorm(0.8)) / sqrt(D p (1 - p)))")
  put("power.alpha", 0.05, "0.05")
  put("power.power", 0.8, "0.8")

  # Verdict rules of DESIGN §4 on the R figures.
  terms <- length(coef(cox))
  code <- if (sum(cc$multifactor == 1) < 30 || sum(cc$multifactor == 0) < 30 || cox$nevent < 10 * terms) "INSUFFICIENT_DATA" else
          if (hr_ci[2] < 1 && exp(coef(iw)[[1]]) < 1) "SUPPORTS" else
          if (hr_ci[1] > 1) "CONTRADICTS" else "INCONCLUSIVE"
  put("verdict.code", code, "DESIGN §4 rules on cox$nevent, exp(confint(cox)) and the IPTW HR")

  write.csv(ref, file.path(dir, out), row.names = FALSE, quote = TRUE)
  cat("wrote", nrow(ref), "reference values to", file.path(dir, out), "\n")
}

reference(365, 1, "reference.csv")             # analyze's defaults
reference(180, 2, "reference-h180-b2.csv")     # analyze --horizon 180 --isolated-max-breadth 2
reference(60, 1, "reference-h60.csv")          # analyze --horizon 60: recurrence by the horizon < 15 %, the E-value takes HR as RR
