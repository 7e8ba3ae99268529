# Generates the survival datasets and survfit reference tables used by the tests.
# Run from this directory: Rscript reference.R   (R 4.x, survival 3.5-3)
library(survival)
wr <- function(df, f) write.csv(df, f, row.names = FALSE, quote = FALSE)
wr(data.frame(time = aml$time, status = aml$status, group = as.integer(aml$x)), "aml.csv")
wr(data.frame(time = ovarian$futime, status = ovarian$fustat, group = ovarian$rx), "ovarian.csv")
wr(data.frame(time = lung$time, status = as.integer(lung$status == 2), group = lung$sex), "lung.csv")
wr(data.frame(time = veteran$time, status = veteran$status, group = as.integer(veteran$celltype)), "veteran.csv")
km <- function(d, f) {
  fit <- survfit(Surv(time, status) ~ 1, data = d)
  out <- data.frame(time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
                    surv = sprintf("%.17g", fit$surv), std_err = sprintf("%.17g", fit$std.err),
                    lower = sprintf("%.17g", fit$lower), upper = sprintf("%.17g", fit$upper))
  wr(out, f)
}
for (name in c("aml", "ovarian", "lung", "veteran")) {
  d <- read.csv(paste0(name, ".csv"))
  km(d, paste0(name, "-survfit.csv"))
}

# Fisher exact p-values for random tables, including tied (symmetric) ones: a, n1, c, n2, p
set.seed(2026)
rows <- list()
for (i in 1:60) {
  n1 <- sample(c(1:40, 100, 1000, 5000), 1); n2 <- if (i %% 4 == 0) n1 else sample(c(1:40, 100, 1000, 5000), 1)
  a <- rbinom(1, n1, runif(1, 0.05, 0.95)); c <- if (i %% 4 == 0 && i %% 8 == 0) a else rbinom(1, n2, runif(1, 0.05, 0.95))
  p <- fisher.test(matrix(c(a, c, n1 - a, n2 - c), 2))$p.value
  rows[[i]] <- data.frame(a = a, n1 = n1, c = c, n2 = n2, p = sprintf("%.17g", p))
}
wr(do.call(rbind, rows), "fisher-random.csv")
