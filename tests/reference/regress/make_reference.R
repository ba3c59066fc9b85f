# Reference values for the regression core (src/measures/regress.c), computed with R lm,
# sandwich and plm (Debian r-cran-sandwich, r-cran-plm) on the bundled copy of plm::Produc.
# Run from the repository root:
#   Rscript tests/reference/regress/make_reference.R
# Writes tests/reference/regress/produc_coef.csv (model,se,term,estimate,std_error,t,p_value)
# and produc_fit.csv (model,statistic,value), 17 significant digits.
#
# Model (Munnell 1990, the plm documentation's example):
#   log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp, panel index (state, year).
# Conventions matched:
#   ols      lm(); classic = summary.lm, hc1 = sandwich::vcovHC(type = "HC1"),
#            cluster = plm pooling + plm::vcovHC(method = "arellano", type = "sss") (by state),
#            cluster_hc0 = the same with type = "HC0".
#   fe_region / fe_year / fe_twoway   plm(model = "within", effect = individual/time/twoways);
#            classic = summary.plm, hc1 = plm::vcovHC(method = "white1", type = "HC1"),
#            cluster(_hc0) as above (clusters are always the states).
#   p-values use the t distribution with the model's residual df (as summary.lm/summary.plm).
#   Fit: for FE models r2 and r2_adj are those of the dummy-variable regression (lm with
#   factor(state) and/or factor(year), the fixed effects counted as parameters) and r2_within
#   is plm's r.squared (R² of the demeaned regression); f is summary's fstatistic (for FE the
#   Wald F of the slopes on the demeaned data). OLS has no r2_within.
suppressPackageStartupMessages({ library(plm); library(sandwich) })
out <- "tests/reference/regress"
num <- function(x) sprintf("%.17g", x)
d <- read.csv("tests/data/produc/produc.csv")
pd <- pdata.frame(d, index = c("state", "year"))
f <- log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp

rows <- list(); fits <- list()
add <- function(model, se, b, V, df) {
  s <- sqrt(diag(V)); t <- b / s
  rows[[length(rows) + 1]] <<- data.frame(model = model, se = se, term = names(b),
    estimate = num(b), std_error = num(s), t = num(t),
    p_value = num(2 * pt(abs(t), df, lower.tail = FALSE)))
}
fit <- function(model, n, r2, r2a, r2w, fstat, df) {
  st <- c("n", "r2", "r2_adj", "r2_within", "f", "df_resid")
  v <- c(n, r2, r2a, r2w, fstat, df)
  keep <- !is.na(v)
  fits[[length(fits) + 1]] <<- data.frame(model = model, statistic = st[keep],
                                          value = num(v[keep]))
}

m <- lm(f, data = d)
sm <- summary(m)
add("ols", "classic", coef(m), vcov(m), m$df.residual)
add("ols", "hc1", coef(m), vcovHC(m, type = "HC1"), m$df.residual)
pool <- plm(f, data = pd, model = "pooling")
add("ols", "cluster", coef(pool), plm::vcovHC(pool, method = "arellano", type = "sss"),
    m$df.residual)
add("ols", "cluster_hc0", coef(pool), plm::vcovHC(pool, method = "arellano", type = "HC0"),
    m$df.residual)
fit("ols", nobs(m), sm$r.squared, sm$adj.r.squared, NA, sm$fstatistic[1], m$df.residual)

for (eff in c("individual", "time", "twoways")) {
  name <- c(individual = "fe_region", time = "fe_year", twoways = "fe_twoway")[[eff]]
  w <- plm(f, data = pd, model = "within", effect = eff)
  sw <- summary(w)
  df <- w$df.residual
  add(name, "classic", coef(w), vcov(w), df)
  add(name, "hc1", coef(w), plm::vcovHC(w, method = "white1", type = "HC1"), df)
  add(name, "cluster", coef(w), plm::vcovHC(w, method = "arellano", type = "sss"), df)
  add(name, "cluster_hc0", coef(w), plm::vcovHC(w, method = "arellano", type = "HC0"), df)
  dummies <- c(individual = ". ~ . + factor(state)", time = ". ~ . + factor(year)",
               twoways = ". ~ . + factor(state) + factor(year)")[[eff]]
  lsdv <- summary(lm(update(f, as.formula(dummies)), data = d))
  stopifnot(abs(lsdv$df[2] - df) == 0)
  fit(name, nobs(w), lsdv$r.squared, lsdv$adj.r.squared, sw$r.squared[["rsq"]],
      sw$fstatistic$statistic[[1]], df)
}
write.csv(do.call(rbind, rows), file.path(out, "produc_coef.csv"), row.names = FALSE,
          quote = FALSE)
write.csv(do.call(rbind, fits), file.path(out, "produc_fit.csv"), row.names = FALSE,
          quote = FALSE)
cat(R.version.string, "; plm", as.character(packageVersion("plm")), "; sandwich",
    as.character(packageVersion("sandwich")), "\n")
