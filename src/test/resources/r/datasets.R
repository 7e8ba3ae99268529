# Writes the data sets the Java tests read. Run from src/test/resources: Rscript r/datasets.R
library(survival)
w <- function(df, f) write.csv(df, f, row.names = FALSE, quote = FALSE)
w(data.frame(time = aml$time, status = aml$status,
             x_nonmaintained = as.integer(aml$x == "Nonmaintained")), "aml.csv")
w(data.frame(time = ovarian$futime, status = ovarian$fustat, age = ovarian$age, rx = ovarian$rx,
             ecog2 = as.integer(ovarian$ecog.ps == 2)), "ovarian.csv")
lc <- lung[complete.cases(lung[, c("time", "status", "age", "sex", "ph.ecog")]), ]
w(data.frame(time = lc$time, status = as.integer(lc$status == 2), age = lc$age, sex = lc$sex,
             ph_ecog = lc$ph.ecog, wt = seq(0.5, 2, length.out = nrow(lc))), "lung.csv")
w(data.frame(time = veteran$time, status = veteran$status, trt = veteran$trt, karno = veteran$karno,
             smallcell = as.integer(veteran$celltype == "smallcell"),
             adeno = as.integer(veteran$celltype == "adeno"),
             large = as.integer(veteran$celltype == "large")), "veteran.csv")

# A synthetic clinic cohort with confounding by indication: sicker patients (older, chronic, higher
# pain) are more often treated; treatment lowers the hazard (true HR 0.7); integer-day times (ties).
set.seed(20261128)
n <- 2000
age <- round(rnorm(n, 45, 12))
sex <- rbinom(n, 1, 0.45)
nprs <- pmin(10, pmax(0, round(rnorm(n, 6, 2))))
chronic <- rbinom(n, 1, 0.35)
lp_t <- -2.2 + 0.03 * (age - 45) + 0.25 * nprs + 0.8 * chronic - 0.2 * sex
treated <- rbinom(n, 1, plogis(lp_t))
rate <- 0.002 * exp(log(0.7) * treated + 0.02 * (age - 45) + 0.15 * nprs + 0.5 * chronic)
ttrue <- rexp(n, rate)
cens <- runif(n, 30, 730)
time <- ceiling(pmin(ttrue, cens))
status <- as.integer(ttrue <= cens)
w(data.frame(time, status, treated, age, sex, nprs, chronic), "cohort.csv")

# Continuous times, no ties, one binary covariate: the Cox score test equals the log-rank test.
set.seed(7)
m <- 300
grp <- rbinom(m, 1, 0.5)
tt <- rexp(m, 0.1 * exp(0.4 * grp))
cc <- rexp(m, 0.05)
w(data.frame(time = pmin(tt, cc), status = as.integer(tt <= cc), grp), "noties.csv")

# All 228 lung rows (age and sex are complete) for glm(I(status == 2) ~ age + sex).
w(data.frame(status = as.integer(lung$status == 2), age = lung$age, sex = lung$sex), "lungfull.csv")
