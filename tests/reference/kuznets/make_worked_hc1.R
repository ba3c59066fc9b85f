# The methods/08 §4 worked example with White HC1 covariance (--vcov hc1), from R lm and
# sandwich::vcovHC(type = "HC1") (Debian r-cran-sandwich); turning point and U test by the
# formulas of methods/08 with that covariance. Run from the repository root:
#   Rscript tests/reference/kuznets/make_worked_hc1.R
# Writes tests/reference/kuznets/worked_example_hc1.csv (statistic,value; 17 digits).
suppressPackageStartupMessages(library(sandwich))
num <- function(x) sprintf("%.17g", x)
gap <- c(0.019833, 0.030889, 0.045484, 0.093882, 0.111970, 0.086003, 0.083637, 0.101183,
         0.071935, 0.016772, -0.002980, -0.024004, -0.098173, -0.175436, -0.216819)
x <- seq(8.0, 10.8, by = 0.2)
m <- lm(gap ~ x + I(x^2)); V <- vcovHC(m, type = "HC1"); df <- m$df.residual
b1 <- coef(m)[[2]]; b2 <- coef(m)[[3]]; s11 <- V[2, 2]; s12 <- V[2, 3]; s22 <- V[3, 3]
cc <- qt(0.975, df)
A <- 4 * (b2^2 - cc^2 * s22); B <- 4 * (b1 * b2 - cc^2 * s12); C <- b1^2 - cc^2 * s11
roots <- sort((-B + c(-1, 1) * sqrt(B^2 - 4 * A * C)) / (2 * A))
tl <- (b1 + 2 * b2 * 8) / sqrt(s11 + 32 * s12 + 256 * s22)
th <- (b1 + 2 * b2 * 10.8) / sqrt(s11 + 4 * 10.8 * s12 + 4 * 10.8^2 * s22)
tU <- min(tl, -th)
out <- data.frame(statistic = c("se_b1", "se_b2", "se_x_star", "fieller_low", "fieller_high",
                                "t_low", "t_high", "u_test_t", "u_test_p"),
  value = num(c(sqrt(s11), sqrt(s22),
    sqrt(s11 / (4 * b2^2) - s12 * b1 / (2 * b2^3) + s22 * b1^2 / (4 * b2^4)),
    roots[1], roots[2], tl, th, tU, pt(tU, df, lower.tail = FALSE))))
write.csv(out, "tests/reference/kuznets/worked_example_hc1.csv", row.names = FALSE, quote = FALSE)
