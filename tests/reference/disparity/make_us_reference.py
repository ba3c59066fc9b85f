"""Reference values for `regcoord disparity` on the bundled US state incomes.

Independent NumPy implementation of PySAL inequality's formulas (Theil, TheilD, Gini as in
pysal/inequality 0f9050e: theil.py, gini.py) applied to tests/data/us_income/usjoin.csv
(python3-libpysal 4.7.0) with the four Census regions of us48_census_regions.csv.
Run with Debian's python3 (numpy 1.24.2):
    /usr/bin/python3 make_us_reference.py > us_census_regions.csv
"""
import csv
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "..", "data", "us_income")
rows = list(csv.DictReader(open(os.path.join(data, "usjoin.csv"))))
region = {r["STATE_FIPS"]: r["census_region"]
          for r in csv.DictReader(open(os.path.join(data, "us48_census_regions.csv")))}
print("year,statistic,value")
for year in ("1929", "1969", "2009"):
    y = np.array([float(r[year]) for r in rows])
    g = np.array([region[r["STATE_FIPS"]] for r in rows])
    n = len(y)
    s = y / y.sum()
    theil = float((s * np.log(n * s)).sum())                       # inequality.theil.Theil
    between = 0.0                                                     # inequality.theil.TheilD
    for label in sorted(set(g)):
        sg = s[g == label].sum()
        between += sg * np.log(n * sg / (g == label).sum())
    ys = np.sort(y)                                                   # inequality.gini.Gini
    k = np.arange(1, n + 1)
    gini = float((2 * (k * ys).sum() - (n + 1) * ys.sum()) / (n * ys.sum()))
    for name, value in (("theil_t", theil), ("theil_t_between", between),
                        ("theil_t_within", theil - between), ("gini", gini)):
        print(f"{year},{name},{value!r}")
