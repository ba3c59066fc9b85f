# Reference values for `regcoord convergence`, made with R from Debian (stats lm/var.test,
# sandwich, plm). Run from this folder:  Rscript make_reference.R
# Inputs: ../../../../shared/data/china_provinces/china_provinces_panel.csv (gdp_pc, pop,
# 1978-2019, 31 provinces) and ../../data/produc/produc.csv (plm's Produc, 48 states).
# Outputs: CSV files year,statistic,value,std_error,t,p_value as the command writes them.
suppressPackageStartupMessages({ library(sandwich); library(plm); library(lmtest) })
options(digits = 17)
out <- function(rows, file) {
  d <- do.call(rbind, lapply(rows, function(r) data.frame(year = r[[1]], statistic = r[[2]],
    value = r[[3]], std_error = r[[4]], t = r[[5]], p_value = r[[6]])))
  write.csv(d, file, row.names = FALSE, quote = FALSE, na = "")
}
est <- function(year, name, ct, row) list(year, name, ct[row, 1], ct[row, 2], ct[row, 3], ct[row, 4])

cn <- read.csv("../../../../shared/data/china_provinces/china_provinces_panel.csv")
cn <- cn[cn$year >= 1978 & cn$year <= 2019, ]
years <- sort(unique(cn$year))
rows <- list()
sig <- numeric(0)
for (y in years) {
  d <- cn[cn$year == y, ]
  l <- log(d$gdp_pc); n <- length(l)
  s <- sqrt(sum((l - mean(l))^2) / n)                  # divisor n
  cv <- sqrt(sum((d$gdp_pc - mean(d$gdp_pc))^2) / n) / mean(d$gdp_pc)
  p <- d$pop / sum(d$pop); mw <- sum(p * d$gdp_pc)
  cvw <- sqrt(sum(p * (d$gdp_pc - mw)^2)) / mw          # Williamson
  sig <- c(sig, s)
  rows[[length(rows) + 1]] <- list(y, "sigma_sd_log", s, NA, NA, NA)
  rows[[length(rows) + 1]] <- list(y, "sigma_cv", cv, NA, NA, NA)
  rows[[length(rows) + 1]] <- list(y, "sigma_cv_w", cvw, NA, NA, NA)
}
tr <- coef(summary(lm(sig ~ years)))
rows[[length(rows) + 1]] <- est(2019, "sigma_trend", tr, 2)
a <- cn[cn$year == 1978, ]; b <- cn[cn$year == 2019, ]
stopifnot(all(a$region_id == b$region_id))
vt <- var.test(log(a$gdp_pc), log(b$gdp_pc))
rows[[length(rows) + 1]] <- list(2019, "sigma_f", unname(vt$statistic), NA, NA, vt$p.value)
g <- log(b$gdp_pc / a$gdp_pc) / 41; ly0 <- log(a$gdp_pc)
m <- lm(g ~ ly0)
ct <- coef(summary(m))
rows[[length(rows) + 1]] <- est(2019, "beta", ct, 2)
rows[[length(rows) + 1]] <- est(2019, "beta_const", ct, 1)
bt <- ct[2, 1]; sp <- -log(1 + 41 * bt) / 41
rows[[length(rows) + 1]] <- list(2019, "speed", sp, NA, NA, NA)
rows[[length(rows) + 1]] <- list(2019, "half_life", log(2) / sp, NA, NA, NA)
rows[[length(rows) + 1]] <- list(2019, "r2", summary(m)$r.squared, NA, NA, NA)
out(rows, "china_gdp_pc_1978_2019.csv")

# Cross-section 1990-2019 with White (HC1) standard errors, and total growth.
a <- cn[cn$year == 1990, ]
g <- log(b$gdp_pc / a$gdp_pc) / 29; ly0 <- log(a$gdp_pc)
m <- lm(g ~ ly0)
ct <- coeftest(m, vcov. = vcovHC(m, type = "HC1"))
out(list(est(2019, "beta", ct, 2), est(2019, "beta_const", ct, 1)), "china_beta_1990_2019_hc1.csv")

# Panel fixed effects on annual growth, Arellano clustered (HC0), and 5-year windows (sss).
pd <- pdata.frame(cn[, c("region_id", "year", "gdp_pc")], index = c("region_id", "year"))
pd$ly <- log(pd$gdp_pc)
fe <- plm(diff(ly) ~ lag(ly), data = pd, model = "within")
ct <- coeftest(fe, vcov. = vcovHC(fe, method = "arellano", type = "HC0"))
bt <- ct[1, 1]; sp <- -log(1 + bt)
out(list(est(2019, "beta", ct, 1), list(2019, "speed", sp, NA, NA, NA),
         list(2019, "half_life", log(2) / sp, NA, NA, NA),
         list(2019, "r2", unname(summary(fe)$r.squared[1]), NA, NA, NA)),
    "china_panel_fe_arellano.csv")
# Windows of 5 years: 1978, 1983, ..., 2018 (growth to the next window start; 8 windows).
w <- cn[(cn$year - 1978) %% 5 == 0 & cn$year <= 2018, c("region_id", "year", "gdp_pc")]
w$period <- (w$year - 1978) / 5  # consecutive periods: plm's lag() follows the time index
pw <- pdata.frame(w, index = c("region_id", "period"))
pw$ly <- log(pw$gdp_pc)
fe5 <- plm(diff(ly) ~ lag(ly), data = pw, model = "within")
ct <- coeftest(fe5, vcov. = vcovHC(fe5, method = "arellano", type = "sss"))
fe5t <- plm(diff(ly) ~ lag(ly), data = pw, model = "within", effect = "twoways")
ct2 <- coef(summary(fe5t))
out(list(est(2018, "beta", ct, 1)), "china_panel_fe_window5_sss.csv")
out(list(est(2018, "beta", ct2, 1)), "china_panel_fe_window5_twoways.csv")

# Conditional beta on plm's Produc: growth of gsp/emp 1970-1986 on its log in 1970 and the
# unemployment rate in 1970 (White HC0), and a panel with the control (classic).
pr <- read.csv("../../data/produc/produc.csv")
pr$prod <- pr$gsp / pr$emp
# The derived panel the CLI test reads (17 significant digits: the same doubles as here).
write.csv(data.frame(state = pr$state, year = pr$year, prod = sprintf("%.17g", pr$prod),
                     unemp = pr$unemp), "produc_prod.csv", row.names = FALSE, quote = FALSE)
a <- pr[pr$year == 1970, ]; b <- pr[pr$year == 1986, ]
stopifnot(all(a$state == b$state))
g <- log(b$prod / a$prod) / 16; ly0 <- log(a$prod); un <- a$unemp
m <- lm(g ~ ly0 + un)
ct <- coeftest(m, vcov. = vcovHC(m, type = "HC0"))
out(list(est(1986, "beta", ct, 2), est(1986, "beta_const", ct, 1), est(1986, "gamma_unemp", ct, 3)),
    "produc_conditional_hc0.csv")
pp <- pdata.frame(pr[, c("state", "year", "prod", "unemp")], index = c("state", "year"))
pp$ly <- log(pp$prod)
fec <- plm(diff(ly) ~ lag(ly) + lag(unemp), data = pp, model = "within")
ct <- coef(summary(fec))
out(list(est(1986, "beta", ct, 1), est(1986, "gamma_unemp", ct, 2)), "produc_panel_fe_unemp.csv")

# US states (48, 1929-2009, pcincome): cross-section beta with HC1, and the fixed-effects
# panel on non-overlapping 10-year windows 1929, 1939, ..., 2009 (Arellano "sss").
us <- read.csv("../../../../shared/data/us_states_income/us_states_income_panel.csv")
a <- us[us$year == 1929, ]; b <- us[us$year == 2009, ]
stopifnot(all(a$region_id == b$region_id))
g <- log(b$pcincome / a$pcincome) / 80; ly0 <- log(a$pcincome)
m <- lm(g ~ ly0)
ct <- coeftest(m, vcov. = vcovHC(m, type = "HC1"))
bt <- ct[2, 1]; sp <- -log(1 + 80 * bt) / 80
sig <- sapply(split(us, us$year), function(d) sqrt(mean((log(d$pcincome) - mean(log(d$pcincome)))^2)))
tr <- coef(summary(lm(sig ~ as.numeric(names(sig)))))
out(list(est(2009, "beta", ct, 2), est(2009, "beta_const", ct, 1), list(2009, "speed", sp, NA, NA, NA),
         list(2009, "half_life", log(2) / sp, NA, NA, NA), est(2009, "sigma_trend", tr, 2)),
    "us_beta_1929_2009_hc1.csv")
w <- us[(us$year - 1929) %% 10 == 0, c("region_id", "year", "pcincome")]
w$period <- (w$year - 1929) / 10
pw <- pdata.frame(w, index = c("region_id", "period"))
pw$ly <- log(pw$pcincome)
fe <- plm(diff(ly) ~ lag(ly), data = pw, model = "within")
ct <- coeftest(fe, vcov. = vcovHC(fe, method = "arellano", type = "sss"))
bt <- ct[1, 1]; sp <- -log(1 + bt) / 10
out(list(est(2009, "beta", ct, 1), list(2009, "speed", sp, NA, NA, NA),
         list(2009, "half_life", log(2) / sp, NA, NA, NA)), "us_panel_fe_window10_sss.csv")
