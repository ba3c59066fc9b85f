#!/usr/bin/python3
"""Reference weights for tests/unit/test_weights.c, made with PySAL libpysal 4.7.0 (Debian
python3-libpysal) from the bundled US states shapefile (tests/data/us_income/us48.shp).

  /usr/bin/python3 tests/reference/weights/make_reference.py   (from the repository root)

Writes, ids = STATE_FIPS:
  us48_queen.gal        libpysal Queen.from_shapefile
  us48_rook.gal         libpysal Rook.from_shapefile
  us48_knn4_arc.gal     KNN.from_shapefile(k=4, radius=6371.0): great-circle on centroids
  us48_band800_arc.gal  DistanceBand.from_shapefile(threshold=800, radius=6371.0)
  lattice_v.csv         lat2W(3, 3, rook=True) with transform "V": s0, s1, s2
  us48_idw_arc.csv      DistanceBand(threshold=800, binary=False, alpha=-1.5, radius=6371.0),
                        row-standardised: focal, neighbour, weight (first 40 links)
"""
import warnings
warnings.filterwarnings("ignore")
import libpysal
from libpysal.weights import Queen, Rook, KNN, DistanceBand, lat2W

SHP = "tests/data/us_income/us48.shp"
OUT = "tests/reference/weights/"
fips = [r[0] for r in libpysal.io.open(SHP.replace(".shp", ".dbf")).by_col_array(["STATE_FIPS"])]


def write_gal(w, name):
    with open(OUT + name, "w") as f:
        f.write("0 %d us48 STATE_FIPS\n" % w.n)
        for i in w.id_order:
            nb = w.neighbors[i]
            f.write("%s %d\n%s\n" % (i, len(nb), " ".join(str(j) for j in sorted(nb))))


write_gal(Queen.from_shapefile(SHP, idVariable="STATE_FIPS"), "us48_queen.gal")
write_gal(Rook.from_shapefile(SHP, idVariable="STATE_FIPS"), "us48_rook.gal")
write_gal(KNN.from_shapefile(SHP, k=4, ids=fips, radius=6371.0), "us48_knn4_arc.gal")
write_gal(DistanceBand.from_shapefile(SHP, threshold=800, idVariable="STATE_FIPS", radius=6371.0,
                                      silence_warnings=True), "us48_band800_arc.gal")

w = lat2W(3, 3, rook=True)
w.transform = "V"
with open(OUT + "lattice_v.csv", "w") as f:
    f.write("statistic,value\ns0,%.17g\ns1,%.17g\ns2,%.17g\n" % (w.s0, w.s1, w.s2))

w = DistanceBand.from_shapefile(SHP, threshold=800, idVariable="STATE_FIPS", binary=False, alpha=-1.5,
                                radius=6371.0, silence_warnings=True)
w.transform = "R"
with open(OUT + "us48_idw_arc.csv", "w") as f:
    f.write("focal,neighbour,weight\n")
    k = 0
    for i in w.id_order:
        for j, v in sorted(zip(w.neighbors[i], w.weights[i])):
            if k < 40:
                f.write("%s,%s,%.17g\n" % (i, j, v))
            k += 1
