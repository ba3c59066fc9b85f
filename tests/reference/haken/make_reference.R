# Reference values for `regcoord haken` on China's national aggregates 1998-2017: an
# independent computation with base R lm(y ~ 0 + ...) of both Haken equations for every
# ordered pair (methods/05-synergetics.md §2), each series divided by its first value
# (--haken-scale first). National aggregates: sums over the 31 provinces of gdp, fai,
# trade_kusd and pop; the variables are gdp/pop, fai/pop and trade_kusd/pop.
# Run from the repository root (needs ../shared):
#   Rscript tests/reference/haken/make_reference.R
# Writes tests/reference/haken/china_national_first.csv (q1,q2,statistic,value; 17 digits).
num <- function(x) sprintf("%.17g", x)
d <- read.csv("../shared/data/china_provinces/china_provinces_panel.csv")
d <- d[d$year >= 1998 & d$year <= 2017, ]
agg <- aggregate(cbind(gdp, fai, trade_kusd, pop) ~ year, data = d, FUN = sum)
stopifnot(nrow(agg) == 20, all(table(d$year) == 31))
v <- list("gdp/pop" = agg$gdp / agg$pop, "fai/pop" = agg$fai / agg$pop,
          "trade_kusd/pop" = agg$trade_kusd / agg$pop)
v <- lapply(v, function(s) s / s[1])
K <- 20; rows <- list()
for (i in names(v)) for (j in names(v)) {
  if (i == j) next
  q1 <- v[[i]]; q2 <- v[[j]]
  a1 <- q1[1:(K - 1)]; a2 <- q2[1:(K - 1)]
  e1 <- summary(lm(q1[2:K] ~ 0 + a1 + I(a1 * a2)))
  e2 <- summary(lm(q2[2:K] ~ 0 + a2 + I(a1^2)))
  c1 <- coef(e1); c2 <- coef(e2)
  st <- c(lambda1 = 1 - c1[1, 1], a = -c1[2, 1], lambda2 = 1 - c2[1, 1], b = c2[2, 1],
          beta11 = c1[1, 1], se_beta11 = c1[1, 2], t_beta11 = c1[1, 3], p_beta11 = c1[1, 4],
          beta12 = c1[2, 1], se_beta12 = c1[2, 2], t_beta12 = c1[2, 3], p_beta12 = c1[2, 4],
          beta21 = c2[1, 1], se_beta21 = c2[1, 2], t_beta21 = c2[1, 3], p_beta21 = c2[1, 4],
          beta22 = c2[2, 1], se_beta22 = c2[2, 2], t_beta22 = c2[2, 3], p_beta22 = c2[2, 4],
          r2_eq1 = e1$r.squared, f_eq1 = e1$fstatistic[[1]],
          r2_eq2 = e2$r.squared, f_eq2 = e2$fstatistic[[1]])
  rows[[length(rows) + 1]] <- data.frame(q1 = i, q2 = j, statistic = names(st), value = num(st))
}
write.csv(do.call(rbind, rows), "tests/reference/haken/china_national_first.csv",
          row.names = FALSE, quote = FALSE)
