# make_reference.R — independent reference values for `regcoord coordinate` on the China panel.
#
# Written from the formulas of ../shared/methods/04-evaluation.md in base R (no regcoord code):
# two subsystems (economy: gdp_pc, fai; openness_society: trade_kusd, students_higher_per100k),
# all region-years 2008-2017 pooled ("global entropy method"), min-max normalisation, entropy
# weights with the +0.0001 shift inside the logarithm, scores on the unshifted x', Wang et al.
# (2021) and classic coupling, T with a = (1/2, 1/2), D = sqrt(C T), TOPSIS on the weighted x'
# with the overall entropy weights, obstacle degrees with F_j = w_j / 2; CRITIC weights too.
# Run from the repository root:
#   Rscript tests/reference/coordinate/make_reference.R ../shared/data/china_provinces/china_provinces_panel.csv
# Output: china_2008_2017_weights.csv, china_2008_2017_coordination.csv (this directory).
args <- commandArgs(trailingOnly = TRUE)
panel <- read.csv(args[1], colClasses = c(region_id = "character"))
panel <- panel[panel$year >= 2008 & panel$year <= 2017, ]
panel <- panel[order(panel$year, panel$region_id), ]
ind <- c("gdp_pc", "fai", "trade_kusd", "students_higher_per100k")
sub <- c(1, 1, 2, 2)
X <- as.matrix(panel[, ind])
stopifnot(!anyNA(X))
m <- nrow(X)
Xn <- apply(X, 2, function(x) (x - min(x)) / (max(x) - min(x)))   # all benefit indicators

entropy_w <- function(Z, delta = 1e-4) {
  e <- apply(Z + delta, 2, function(z) { p <- z / sum(z); -sum(p * log(p)) / log(length(z)) })
  d <- 1 - e
  d / sum(d)
}
critic_w <- function(Z) {
  s <- apply(Z, 2, sd)
  R <- cor(Z)
  C <- s * colSums(1 - R)
  C / sum(C)
}
w_within <- numeric(4)
for (s in 1:2) w_within[sub == s] <- entropy_w(Xn[, sub == s, drop = FALSE])
w_overall <- entropy_w(Xn)
cw_within <- numeric(4)
for (s in 1:2) cw_within[sub == s] <- critic_w(Xn[, sub == s, drop = FALSE])

U1 <- as.vector(Xn[, sub == 1] %*% w_within[sub == 1])
U2 <- as.vector(Xn[, sub == 2] %*% w_within[sub == 2])
C_classic <- ifelse(U1 + U2 > 0, 2 * sqrt(U1 * U2) / (U1 + U2), 0)
mx <- pmax(U1, U2)
C_wang <- ifelse(mx > 0, sqrt((1 - abs(U1 - U2)) * pmin(U1, U2) / mx), 0)
T <- 0.5 * U1 + 0.5 * U2
V <- sweep(Xn, 2, w_overall, `*`)
dp <- sqrt(rowSums(sweep(V, 2, apply(V, 2, max))^2))
dm <- sqrt(rowSums(sweep(V, 2, apply(V, 2, min))^2))
F <- w_within / 2
dev <- sweep(1 - Xn, 2, F, `*`)
O <- 100 * dev / rowSums(dev)

fmt <- function(x) sprintf("%.17g", x)
weights <- data.frame(indicator = ind, subsystem = c("economy", "economy", "openness_society",
                      "openness_society"), entropy_within = fmt(w_within),
                      entropy_overall = fmt(w_overall), critic_within = fmt(cw_within))
write.csv(weights, "tests/reference/coordinate/china_2008_2017_weights.csv", row.names = FALSE,
          quote = FALSE)
out <- data.frame(year = panel$year, region = panel$region_id, U_economy = fmt(U1),
                  U_openness_society = fmt(U2), T = fmt(T), C_wang = fmt(C_wang),
                  D_wang = fmt(sqrt(C_wang * T)), C_classic = fmt(C_classic),
                  D_classic = fmt(sqrt(C_classic * T)), topsis = fmt(dm / (dp + dm)),
                  O_gdp_pc = fmt(O[, 1]), O_fai = fmt(O[, 2]), O_trade_kusd = fmt(O[, 3]),
                  O_students_higher_per100k = fmt(O[, 4]))
write.csv(out, "tests/reference/coordinate/china_2008_2017_coordination.csv", row.names = FALSE,
          quote = FALSE)
cat(R.version.string, "\n")
