# Prints the R reference values used by the Java tests (R 4.2.2, survival 3.5-3).
# Run from src/test/resources: Rscript r/reference.R
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
aml <- read.csv("aml.csv"); ova <- read.csv("ovarian.csv"); lung <- read.csv("lung.csv")
vet <- read.csv("veteran.csv"); coh <- read.csv("cohort.csv"); nt <- read.csv("noties.csv")
cox("aml", coxph(Surv(time, status) ~ x_nonmaintained, data = aml))
cox("ovarian age+rx", coxph(Surv(time, status) ~ age + rx, data = ova))
cox("ovarian age+ecog2", coxph(Surv(time, status) ~ age + ecog2, data = ova))
cox("lung", coxph(Surv(time, status) ~ age + sex + ph_ecog, data = lung))
cox("veteran", coxph(Surv(time, status) ~ trt + karno + smallcell + adeno + large, data = vet))
cox("veteran robust", coxph(Surv(time, status) ~ trt + karno + smallcell + adeno + large, data = vet, robust = TRUE))
cox("lung weighted robust", coxph(Surv(time, status) ~ age + sex + ph_ecog, data = lung, weights = wt, robust = TRUE))
lung$agesex <- lung$age + lung$sex
cox("lung collinear", coxph(Surv(time, status) ~ age + sex + agesex + ph_ecog, data = lung))
cox("cohort adjusted", coxph(Surv(time, status) ~ treated + age + sex + nprs + chronic, data = coh))
f <- coxph(Surv(time, status) ~ grp, data = nt); cat("== noties\n"); p("score", f$score)
p("survdiff", survdiff(Surv(time, status) ~ grp, data = nt)$chisq)

glmref <- function(label, fit) {
  s <- summary(fit)$coefficients
  cat("==", label, "\n")
  p("coef", s[, 1]); p("se", s[, 2]); p("z", s[, 3]); p("p", s[, 4])
  p("deviance", fit$deviance); p("null", fit$null.deviance); p("iter", fit$iter)
}
lungfull <- survival::lung
glmref("lung glm", glm(I(status == 2) ~ age + sex, family = binomial, data = lungfull))
glmref("cohort glm", glm(treated ~ age + sex + nprs + chronic, family = binomial, data = coh))
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
