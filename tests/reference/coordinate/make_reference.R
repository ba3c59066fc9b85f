# make_reference.R — independent reference values for `regcoord coordinate`.
#
# Written from the formulas of ../shared/methods/04-evaluation.md in base R (no regcoord code):
# all region-years of the chosen years pooled ("global entropy method"), min-max normalisation
# (benefit / cost), entropy weights with the +0.0001 shift inside the logarithm only, scores on
# the unshifted x', within-subsystem weights for U and weights over all indicators for TOPSIS
# (weighted x', ideal = column max), coupling C for n subsystems in the Wang et al. (2021) and
# the classic form, T with a_i = 1/n, D = sqrt(C T), obstacle degrees with F_j = w_j / n;
# CRITIC within-subsystem weights (sd divisor n-1, Pearson correlation) as well.
# Run from the repository root:
#   Rscript tests/reference/coordinate/make_reference.R ../shared/data/china_provinces/china_provinces_panel.csv
# Writes china_2008_2017_{weights,coordination}.csv (China panel: economy = gdp_pc, fai;
# openness_society = trade_kusd, students_higher_per100k; 2008-2017) and
# produc_{weights,coordination}.csv (tests/data/produc with tests/data/evaluation/produc_system.csv,
# 1970-1986) in this directory.
fmt <- function(x) sprintf("%.17g", x)

entropy_w <- function(Z, delta = 1e-4) {
  e <- apply(Z + delta, 2, function(z) { p <- z / sum(z); -sum(p * log(p)) / log(length(z)) })
  (1 - e) / sum(1 - e)
}
critic_w <- function(Z) {
  C <- apply(Z, 2, sd) * colSums(1 - cor(Z))
  C / sum(C)
}
coupling_classic <- function(U) {
  n <- length(U)
  if (sum(U) == 0) return(0)
  prod(U)^(1 / n) / mean(U)
}
coupling_wang <- function(U) {
  n <- length(U)
  if (max(U) == 0) return(0)
  pairs <- 0
  for (i in 1:(n - 1)) for (j in (i + 1):n) pairs <- pairs + abs(U[i] - U[j])
  sqrt((1 - pairs / (n * (n - 1) / 2)) * prod(U / max(U))^(1 / (n - 1)))
}

reference <- function(panel, region, ind, sub, dir, prefix) {
  panel <- panel[order(panel$year, panel[[region]]), ]
  X <- as.matrix(panel[, ind])
  stopifnot(!anyNA(X))
  Xn <- X
  for (j in seq_along(ind)) {
    x <- X[, j]
    Xn[, j] <- if (dir[j] == "+") (x - min(x)) / (max(x) - min(x)) else (max(x) - x) / (max(x) - min(x))
  }
  subs <- unique(sub)
  ns <- length(subs)
  w_within <- cw_within <- numeric(length(ind))
  for (s in subs) {
    w_within[sub == s] <- entropy_w(Xn[, sub == s, drop = FALSE])
    cw_within[sub == s] <- critic_w(Xn[, sub == s, drop = FALSE])
  }
  w_overall <- entropy_w(Xn)
  U <- sapply(subs, function(s) as.vector(Xn[, sub == s, drop = FALSE] %*% w_within[sub == s]))
  T <- rowMeans(U)
  Cw <- apply(U, 1, coupling_wang)
  Cc <- apply(U, 1, coupling_classic)
  V <- sweep(Xn, 2, w_overall, `*`)
  dp <- sqrt(rowSums(sweep(V, 2, apply(V, 2, max))^2))
  dm <- sqrt(rowSums(sweep(V, 2, apply(V, 2, min))^2))
  dev <- sweep(1 - Xn, 2, w_within / ns, `*`)
  O <- 100 * dev / rowSums(dev)

  write.csv(data.frame(indicator = ind, subsystem = sub, entropy_within = fmt(w_within),
                       entropy_overall = fmt(w_overall), critic_within = fmt(cw_within)),
            paste0(prefix, "_weights.csv"), row.names = FALSE, quote = FALSE)
  out <- data.frame(year = panel$year, region = panel[[region]])
  for (k in seq_len(ns)) out[[paste0("U_", subs[k])]] <- fmt(U[, k])
  out$T <- fmt(T)
  out$C_wang <- fmt(Cw)
  out$D_wang <- fmt(sqrt(Cw * T))
  out$C_classic <- fmt(Cc)
  out$D_classic <- fmt(sqrt(Cc * T))
  out$topsis <- fmt(dm / (dp + dm))
  for (j in seq_along(ind)) out[[paste0("O_", ind[j])]] <- fmt(O[, j])
  write.csv(out, paste0(prefix, "_coordination.csv"), row.names = FALSE, quote = FALSE)
}

here <- "tests/reference/coordinate/"
args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 1 && file.exists(args[1])) {
  china <- read.csv(args[1], colClasses = c(region_id = "character"))
  china <- china[china$year >= 2008 & china$year <= 2017, ]
  reference(china, "region_id", c("gdp_pc", "fai", "trade_kusd", "students_higher_per100k"),
            c("economy", "economy", "openness_society", "openness_society"), rep("+", 4),
            paste0(here, "china_2008_2017"))
}
produc <- read.csv("tests/data/produc/produc.csv")
system <- read.csv("tests/data/evaluation/produc_system.csv", colClasses = "character")
reference(produc, "state", system$indicator, system$subsystem, system$direction,
          paste0(here, "produc"))
cat(R.version.string, "\n")
