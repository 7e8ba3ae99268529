# Prints the R reference values used by the Java tests (R 4.2.2, survival 3.5-3) and writes the fits that
# CoxModelTest and LogisticModelTest compare term by term to cox-reference.csv and glm-reference.csv.
# Run from src/test/resources/io/backstory/analytics/models: Rscript r/reference.R > r/reference.out 2>&1
suppressPackageStartupMessages(library(survival))
p <- function(label, x) cat(label, paste(sprintf("%.17g", x), collapse = " "), "\n")
cox <- function(label, fit) {
  s <- summary(fit)$coefficients
  cat("==", label, "\n")
  p("coef", coef(fit)); p("se", sqrt(diag(vcov(fit))))
  if ("robust se" %in% colnames(s)) p("robust", s[, "robust se"])
  p("z", s[, ncol(s) - 1]); p("p", s[, ncol(s)])
  p("loglik", fit$loglik); p("score", fit$score); p("iter", fit$iter)
  ci <- exp(confint(fit)); p("lower", ci[, 1]); p("upper", ci[, 2])
  lr <- 2 * diff(fit$loglik); p("lr", lr); p("lrp", pchisq(lr, sum(!is.na(coef(fit))), lower.tail = FALSE))
}
# A fit given as the text of its R call, so that the call written beside its numbers is the one that ran: one row a
# term, with the fit's own figures repeated on each row. `file` is the data set the Java test fits, `weights` its
# weight column.
num <- function(x) sprintf("%.17g", x)
cox_table <- NULL
glm_table <- NULL
tabulated_cox <- function(call, file, weights = "") {
  fit <- eval(parse(text = call))
  s <- summary(fit)$coefficients; ci <- exp(confint(fit)); lr <- 2 * diff(fit$loglik)
  cox_table <<- rbind(cox_table, data.frame(r_call = call, file = file, weights = weights,
    robust = "robust se" %in% colnames(s), term = names(coef(fit)), coef = num(coef(fit)),
    se = num(sqrt(diag(vcov(fit)))), p = num(s[, ncol(s)]), lower = num(ci[, 1]), upper = num(ci[, 2]),
    loglik_null = num(fit$loglik[1]), loglik = num(fit$loglik[2]), score = num(fit$score), iter = fit$iter,
    lr_p = num(pchisq(lr, sum(!is.na(coef(fit))), lower.tail = FALSE))))
  fit
}
tabulated_glm <- function(call, file, outcome) {
  fit <- eval(parse(text = call))
  s <- summary(fit)$coefficients
  glm_table <<- rbind(glm_table, data.frame(r_call = call, file = file, outcome = outcome, term = rownames(s),
    coef = num(s[, 1]), se = num(s[, 2]), p = num(s[, 4]), deviance = num(fit$deviance),
    null_deviance = num(fit$null.deviance), iter = fit$iter))
  fit
}
aml <- read.csv("aml.csv"); ova <- read.csv("ovarian.csv"); lung <- read.csv("lung.csv")
vet <- read.csv("veteran.csv"); coh <- read.csv("cohort.csv"); nt <- read.csv("noties.csv")
cox("aml", tabulated_cox("coxph(Surv(time, status) ~ x_nonmaintained, data = aml)", "aml.csv"))
cox("ovarian age+rx", tabulated_cox("coxph(Surv(time, status) ~ age + rx, data = ova)", "ovarian.csv"))
cox("ovarian age+ecog2", tabulated_cox("coxph(Surv(time, status) ~ age + ecog2, data = ova)", "ovarian.csv"))
cox("lung", tabulated_cox("coxph(Surv(time, status) ~ age + sex + ph_ecog, data = lung)", "lung.csv"))
cox("veteran", tabulated_cox("coxph(Surv(time, status) ~ trt + karno + smallcell + adeno + large, data = vet)",
                             "veteran.csv"))
cox("veteran robust", tabulated_cox(
  "coxph(Surv(time, status) ~ trt + karno + smallcell + adeno + large, data = vet, robust = TRUE)", "veteran.csv"))
cox("lung weighted robust", tabulated_cox(
  "coxph(Surv(time, status) ~ age + sex + ph_ecog, data = lung, weights = wt, robust = TRUE)", "lung.csv", "wt"))
lung$agesex <- lung$age + lung$sex
cox("lung collinear", coxph(Surv(time, status) ~ age + sex + agesex + ph_ecog, data = lung))
cox("cohort adjusted", tabulated_cox("coxph(Surv(time, status) ~ treated + age + sex + nprs + chronic, data = coh)",
                                     "cohort.csv"))
write.csv(cox_table, "cox-reference.csv", row.names = FALSE, quote = 1)
f <- coxph(Surv(time, status) ~ grp, data = nt); cat("== noties\n"); p("score", f$score)
p("survdiff", survdiff(Surv(time, status) ~ grp, data = nt)$chisq)

glmref <- function(label, fit) {
  s <- summary(fit)$coefficients
  cat("==", label, "\n")
  p("coef", s[, 1]); p("se", s[, 2]); p("z", s[, 3]); p("p", s[, 4])
  p("deviance", fit$deviance); p("null", fit$null.deviance); p("iter", fit$iter)
}
lungfull <- survival::lung
glmref("lung glm", tabulated_glm("glm(I(status == 2) ~ age + sex, family = binomial, data = lungfull)",
                                  "lungfull.csv", "status"))
glmref("cohort glm", tabulated_glm("glm(treated ~ age + sex + nprs + chronic, family = binomial, data = coh)",
                                   "cohort.csv", "treated"))
write.csv(glm_table, "glm-reference.csv", row.names = FALSE, quote = 1)
glmref("cohort glm collinear", glm(treated ~ age + sex + nprs + I(age + nprs) + chronic, family = binomial,
  data = coh))
sep <- data.frame(x = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), z = c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3),
                  y = c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1))
glmref("separation", glm(y ~ x + z, family = binomial, data = sep))
qsep <- data.frame(x = c(1, 2, 3, 4, 5, 5, 6, 7, 8, 9), y = c(0, 0, 0, 0, 0, 1, 1, 1, 1, 1))
glmref("quasi separation", glm(y ~ x, family = binomial, data = qsep))

ps <- fitted(glm(treated ~ age + sex + nprs + chronic, family = binomial, data = coh))
pt <- mean(coh$treated)
wt <- ifelse(coh$treated == 1, pt / ps, (1 - pt) / (1 - ps))
fi <- coxph(Surv(time, status) ~ treated, data = coh, weights = wt, robust = TRUE)
cat("== iptw\n"); p("hr", exp(coef(fi))); rse <- summary(fi)$coefficients[, "robust se"]; p("robust se", rse)
p("lower", exp(coef(fi) - qnorm(0.975) * rse)); p("upper", exp(coef(fi) + qnorm(0.975) * rse))
p("weights min max mean", c(min(wt), max(wt), mean(wt))); p("ps 1..3", ps[1:3])

# The cohort stacked 30 times (60,000 rows, above the two-thread threshold of 50,000).
big <- coh[rep(seq_len(nrow(coh)), 30), ]
cox("cohort x30 adjusted", coxph(Surv(time, status) ~ treated + age + sex + nprs + chronic, data = big))
psb <- fitted(glm(treated ~ age + sex + nprs + chronic, family = binomial, data = big))
glmref("cohort x30 glm", glm(treated ~ age + sex + nprs + chronic, family = binomial, data = big))
wb <- ifelse(big$treated == 1, pt / psb, (1 - pt) / (1 - psb))
fb <- coxph(Surv(time, status) ~ treated, data = big, weights = wb, robust = TRUE)
cat("== iptw x30\n"); p("hr", exp(coef(fb))); p("robust se", summary(fb)$coefficients[, "robust se"])
