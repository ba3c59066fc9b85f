# Reference values for `regcoord kuznets` on China's provinces, 1978-2019: an independent
# computation in base R (lm) of the population-weighted Theil T per year, the national
# per-capita GDP (sum gdp_pc*pop / sum pop), the quadratic fit and the formulas of
# ../shared/methods/08-kuznets.md (delta method, Fieller with t(df), Lind-Mehlum test as in
# R utest/uslopes by Lind: t = min(t_L, -t_H) for an inverse U, p = P(T > t)).
# Run from the repository root (needs ../shared):
#   Rscript tests/reference/kuznets/make_reference.R
# Writes tests/reference/kuznets/china_theil_t_w.csv (statistic,value; 17 digits).
num <- function(x) sprintf("%.17g", x)
d <- read.csv("../shared/data/china_provinces/china_provinces_panel.csv")
d <- d[d$year >= 1978 & d$year <= 2019 & !is.na(d$gdp_pc) & !is.na(d$pop), ]
yrs <- sort(unique(d$year))
theil <- sapply(yrs, function(t) {
  s <- d[d$year == t, ]
  Y <- s$gdp_pc * s$pop; S <- Y / sum(Y); P <- s$pop / sum(s$pop)
  sum(S * log(S / P))
})
level <- sapply(yrs, function(t) { s <- d[d$year == t, ]; sum(s$gdp_pc * s$pop) / sum(s$pop) })
x <- log(level)
m <- lm(theil ~ x + I(x^2))
b <- coef(m); V <- vcov(m); df <- m$df.residual
b1 <- b[[2]]; b2 <- b[[3]]; s11 <- V[2, 2]; s12 <- V[2, 3]; s22 <- V[3, 3]
xs <- -b1 / (2 * b2)
vx <- s11 / (4 * b2^2) - s12 * b1 / (2 * b2^3) + s22 * b1^2 / (4 * b2^4)
cc <- qt(0.975, df)
A <- 4 * (b2^2 - cc^2 * s22); B <- 4 * (b1 * b2 - cc^2 * s12); C <- b1^2 - cc^2 * s11
roots <- sort((-B + c(-1, 1) * sqrt(B^2 - 4 * A * C)) / (2 * A))
slope <- function(z) { s <- b1 + 2 * b2 * z; se <- sqrt(s11 + 4 * z * s12 + 4 * z^2 * s22); c(s, s / se) }
L <- slope(min(x)); H <- slope(max(x))
tU <- if (b2 < 0) min(L[2], -H[2]) else min(-L[2], H[2])
out <- data.frame(statistic = c("n", "df_resid", "r2", "b0", "b1", "b2", "se_b1", "se_b2",
  "x_star", "y_star", "se_x_star", "fieller_a", "fieller_low", "fieller_high", "slope_low",
  "t_low", "slope_high", "t_high", "u_test_t", "u_test_p", "gap_2019"),
  value = num(c(length(x), df, summary(m)$r.squared, b[[1]], b1, b2, sqrt(s11), sqrt(s22),
  xs, exp(xs), sqrt(vx), A, roots[1], roots[2], L[1], L[2], H[1], H[2], tU,
  pt(tU, df, lower.tail = FALSE), theil[length(theil)])))
write.csv(out, "tests/reference/kuznets/china_theil_t_w.csv", row.names = FALSE, quote = FALSE)

# Second model, 2000-2017, with the national natural growth rate as a control: the yearly
# population-weighted mean of natural_growth_permille over the provinces (--controls).
# Writes tests/reference/kuznets/china_theil_t_w_control.csv (term,estimate,std_error and the
# turning point statistics).
e <- d[d$year >= 2000 & d$year <= 2017 & !is.na(d$natural_growth_permille), ]
yr2 <- sort(unique(e$year))
sub <- match(yr2, yrs)
z <- sapply(yr2, function(t) { s <- e[e$year == t, ]; sum(s$natural_growth_permille * s$pop) / sum(s$pop) })
stopifnot(all(table(e$year) == 31))
x2 <- x[sub]; g2 <- theil[sub]
m2 <- lm(g2 ~ x2 + I(x2^2) + z)
b <- coef(m2); V <- vcov(m2); df <- m2$df.residual
b1 <- b[[2]]; b2 <- b[[3]]; s11 <- V[2, 2]; s12 <- V[2, 3]; s22 <- V[3, 3]
xs <- -b1 / (2 * b2)
L <- (b1 + 2 * b2 * min(x2)) / sqrt(s11 + 4 * min(x2) * s12 + 4 * min(x2)^2 * s22)
H <- (b1 + 2 * b2 * max(x2)) / sqrt(s11 + 4 * max(x2) * s12 + 4 * max(x2)^2 * s22)
tU <- if (b2 < 0) min(L, -H) else min(-L, H)
out2 <- data.frame(statistic = c("b0", "b1", "b2", "b_control", "se_b0", "se_b1", "se_b2",
  "se_control", "x_star", "se_x_star", "t_low", "t_high", "u_test_t", "u_test_p", "df_resid"),
  value = num(c(b, sqrt(diag(V)), xs,
  sqrt(s11 / (4 * b2^2) - s12 * b1 / (2 * b2^3) + s22 * b1^2 / (4 * b2^4)), L, H, tU,
  pt(tU, df, lower.tail = FALSE), df)))
write.csv(out2, "tests/reference/kuznets/china_theil_t_w_control.csv", row.names = FALSE,
          quote = FALSE)
