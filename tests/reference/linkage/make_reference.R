# Reference values for the linkage network of the 31 Chinese provinces in 2019, computed
# independently of regcoord with base R (distances, gravity, binarisation) and R igraph
# (network measures). Run from this folder:
#   Rscript make_reference.R ../../../../shared/data/china_provinces
# Produced with R 4.2.2 and igraph 1.3.5 (Debian r-cran-igraph), see the `versions` lines of
# china_2019_network.csv. Conventions: ../shared/methods/06-linkage.md.
suppressPackageStartupMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args)) args[1] else "../../../../shared/data/china_provinces"
panel <- read.csv(file.path(dir, "china_provinces_panel.csv"), colClasses = c(region_id = "character"))
cent <- read.csv(file.path(dir, "geo/china_provinces_centroids.csv"), colClasses = c(region_id = "character"))
p <- panel[panel$year == 2019, ]
p <- p[order(p$region_id), ]
cent <- cent[match(p$region_id, cent$region_id), ]
stopifnot(!anyNA(cent$centroid_lon), nrow(p) == 31)
n <- nrow(p)
G <- p$gdp; P <- p$pop

# Great-circle distance, haversine, R = 6371.0 km.
rad <- pi / 180
lon <- cent$centroid_lon * rad; lat <- cent$centroid_lat * rad
D <- matrix(0, n, n)
for (i in 1:n) for (j in 1:n) if (i != j) {
  h <- sin((lat[j] - lat[i]) / 2)^2 + cos(lat[i]) * cos(lat[j]) * sin((lon[j] - lon[i]) / 2)^2
  D[i, j] <- 2 * 6371.0 * asin(sqrt(min(h, 1)))
}
# Modified gravity: R_ij = G_i/(G_i+G_j) sqrt(P_i G_i) sqrt(P_j G_j) / D_ij^2.
R <- matrix(0, n, n)
for (i in 1:n) for (j in 1:n) if (i != j)
  R[i, j] <- G[i] / (G[i] + G[j]) * sqrt(P[i] * G[i]) * sqrt(P[j] * G[j]) / D[i, j]^2
# Row-mean binarisation over j != i.
A <- matrix(0L, n, n)
for (i in 1:n) {
  m <- sum(R[i, -i]) / (n - 1)
  for (j in 1:n) if (j != i && R[i, j] > 0 && R[i, j] >= m) A[i, j] <- 1L
}
g <- graph_from_adjacency_matrix(A, mode = "directed")
V(g)$name <- p$region_id
f <- function(x) sprintf("%.17g", x)
nodes <- data.frame(
  region = p$region_id,
  total_out = f(rowSums(R)), total_in = f(colSums(R)),
  out_degree = f(degree(g, mode = "out", normalized = TRUE)),
  in_degree = f(degree(g, mode = "in", normalized = TRUE)),
  closeness_out = f(closeness(g, mode = "out", normalized = TRUE)),
  closeness_in = f(closeness(g, mode = "in", normalized = TRUE)),
  betweenness = f(betweenness(g, directed = TRUE, normalized = TRUE)))
write.csv(nodes, "china_2019_nodes.csv", row.names = FALSE, quote = FALSE)
idx <- which(row(R) != col(R), arr.ind = TRUE)
idx <- idx[order(idx[, 1], idx[, 2]), ]
mat <- data.frame(from = p$region_id[idx[, 1]], to = p$region_id[idx[, 2]],
                  strength = f(R[idx]), link = A[idx])
write.csv(mat, "china_2019_matrix.csv", row.names = FALSE, quote = FALSE)
net <- data.frame(
  statistic = c("links", "density", "weak_components", "strong_components",
                "centralization_out_degree", "centralization_in_degree",
                "centralization_betweenness"),
  value = c(f(ecount(g)), f(edge_density(g, loops = FALSE)),
            f(components(g, mode = "weak")$no), f(components(g, mode = "strong")$no),
            f(centr_degree(g, mode = "out", loops = FALSE, normalized = TRUE)$centralization),
            f(centr_degree(g, mode = "in", loops = FALSE, normalized = TRUE)$centralization),
            f(centr_betw(g, directed = TRUE, normalized = TRUE)$centralization)))
write.csv(net, "china_2019_network.csv", row.names = FALSE, quote = FALSE)
cat("# versions: R ", R.version$major, ".", R.version$minor, " igraph ",
    as.character(packageVersion("igraph")), "\n", sep = "", file = "VERSIONS.txt")
