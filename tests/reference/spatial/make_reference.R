# Reference values for the spatial statistics, computed with R spdep (Debian r-cran-spdep).
# Run from the repository root:
#   Rscript tests/reference/spatial/make_reference.R
# Writes tests/reference/spatial/*.csv (17 significant digits). Needs ../shared for China.
#
# Scale and convention differences between spdep and esda (methods/03):
#  - localmoran "Ii" = n/(n-1) x esda Is; the tests compare I^A (value_alt) with Ii and
#    Z.Ii (conditional=FALSE) with our total-randomisation z.
#  - moran.test / geary.test / globalG.test: same statistic, expectation and variances as
#    esda when no region is an island; with islands (China, Hainan) adjust.n = FALSE keeps n
#    as esda does. geary.test's z has the opposite sign of esda's.
#  - localG without self (Gi) equals esda only for binary weights (methods/03 §6): its
#    row-standardised variants (Gi and Gi*) use other moments than esda's transform "R" (for
#    Gi* spdep's z does not change at all under row standardisation), so z is compared with
#    style "B" here and the "R" variants with the methods file's worked example.
#  - localG returns only Z_i in spdep 1.2.7; G_i* (row-standardised) is computed here by hand as
#    lag.listw(include.self W)/sum(y) (methods/03 §6) and so is a hand computation, not spdep.
suppressPackageStartupMessages(library(spdep))
out <- "tests/reference/spatial"
fmt <- function(df, file) write.csv(df, file.path(out, file), row.names = FALSE,
                                    quote = FALSE)
options(digits = 17)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

glob <- function(y, lw, lwB, zp) {
  mn <- moran.test(y, lw, randomisation = FALSE, zero.policy = zp, adjust.n = FALSE)
  mr <- moran.test(y, lw, randomisation = TRUE, zero.policy = zp, adjust.n = FALSE)
  gn <- geary.test(y, lw, randomisation = FALSE, zero.policy = zp, adjust.n = FALSE)
  gr <- geary.test(y, lw, randomisation = TRUE, zero.policy = zp, adjust.n = FALSE)
  gg <- globalG.test(y, lwB, zero.policy = zp, adjust.n = FALSE, adjust.x = FALSE)
  data.frame(statistic = c("moran", "geary", "getis_ord_g"),
             value = num(c(mr$estimate[1], gr$estimate[1], gg$estimate[1])),
             expected = num(c(mr$estimate[2], gr$estimate[2], gg$estimate[2])),
             variance_norm = num(c(mn$estimate[3], gn$estimate[3], gg$estimate[3])),
             variance_rand = num(c(mr$estimate[3], gr$estimate[3], NA)))
}

loc <- function(ids, y, nb, zp) {
  lw <- nb2listw(nb, style = "W", zero.policy = zp)
  lm <- localmoran(y, lw, conditional = FALSE, zero.policy = zp)
  nbs <- include.self(nb)
  gsB <- localG(y, nb2listw(nbs, style = "B", zero.policy = zp), zero.policy = zp)
  gB <- localG(y, nb2listw(nb, style = "B", zero.policy = zp), zero.policy = zp)
  data.frame(region = ids, Ii = num(lm[, "Ii"]), Z_Ii = num(lm[, "Z.Ii"]),
             gi_z_B = num(as.numeric(gB)), gistar_G_W = num(lag.listw(nb2listw(nbs, style = "W", zero.policy = zp), y, zero.policy = zp) / sum(y)),
             gistar_z_B = num(as.numeric(gsB)))
}

## US states, bundled: usjoin.csv (wide), states48.gal (ids = 0-based row positions).
us <- read.csv("tests/data/us_income/usjoin.csv", check.names = FALSE)
nb <- read.gal("tests/data/us_income/states48.gal", region.id = 0:47)
lw <- nb2listw(nb, style = "W"); lwB <- nb2listw(nb, style = "B")
for (yr in c("1929", "2009")) {
  y <- as.numeric(us[[yr]])  # integer columns would overflow in globalG.test
  fmt(glob(y, lw, lwB, FALSE), sprintf("us_states_%s_global.csv", yr))
  fmt(loc(us$STATE_FIPS, y, nb, FALSE), sprintf("us_states_%s_local.csv", yr))
}
## Monte-Carlo check values: moran.mc with 99999 permutations, 2009 (seed fixed).
set.seed(1)
mc <- moran.mc(as.numeric(us[["2009"]]), lw, nsim = 99999)
fmt(data.frame(statistic = "moran", nsim = 99999, p_greater = num(mc$p.value)),
    "us_states_2009_moran_mc.csv")

## China 2019, queen contiguity with Hainan (460000) an island.
sh <- "../shared/data/china_provinces"
if (dir.exists(sh)) {
  cp <- read.csv(file.path(sh, "china_provinces_panel.csv"), colClasses = c(region_id = "character"))
  cp <- cp[cp$year == 2019, ]
  gal <- read.gal(file.path(sh, "geo/china_provinces_queen.gal"), override.id = TRUE)
  ids <- attr(gal, "region.id")
  y <- cp$gdp_pc[match(ids, cp$region_id)]
  lw <- nb2listw(gal, style = "W", zero.policy = TRUE)
  lwB <- nb2listw(gal, style = "B", zero.policy = TRUE)
  fmt(glob(y, lw, lwB, TRUE), "china_2019_global.csv")
  fmt(loc(ids, y, gal, TRUE), "china_2019_local.csv")
}

## p.adjust on a fixed vector (with a missing value) for the multiple-testing test:
p <- c(0.001, 0.02, 0.03, 0.04, 0.5, 0.04, NA, 0.2, 0.011)
fmt(data.frame(p = num(p), bh = num(p.adjust(p, "BH")), bonferroni = num(p.adjust(p, "bonferroni"))),
    "p_adjust.csv")
