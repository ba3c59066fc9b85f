#!/usr/bin/env python3
"""Reference tables for `regcoord markov`, copied (not recomputed) from the giddy 2.3.4
results stored in ../shared/reference/peer_values.json, in the command's table layouts.

Run from this folder: python3 make_reference.py
- us_spatial_*.csv: giddy Spatial_Markov(relative pcincome, states48_queen_fips.gal
  row-standardised, k=5, m=5, fixed=True) on ../shared/data/us_states_income.
- us_classic_per_year_*.csv: giddy Markov with mapclassify Quantiles(k=5) per year on the
  same 48 states, 1929-2009 (its documented example: same counts).
"""
import csv
import json

peer = json.load(open("../../../../shared/reference/peer_values.json"))
sm = peer["us_spatial_markov_relative_k5_m5_fixed"]
cl = peer["us_markov_quintiles_1929_2009"]


def write(name, header, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([repr(x) if isinstance(x, float) else x for x in r])


write("us_spatial_transitions.csv", ["lag_class", "from", "to", "count", "probability"],
      [[str(c), a, b, float(sm["T"][c][a][b]), float(sm["P"][c][a][b])]
       for c in range(5) for a in range(5) for b in range(5)])
write("us_spatial_steady.csv", ["lag_class", "class", "probability"],
      [[str(c), a, float(sm["S"][c][a])] for c in range(5) for a in range(5)])
write("us_spatial_tests.csv", ["statistic", "value", "p_value"],
      [["Q", float(sm["Q"]), float(sm["Q_p"])], ["LR", float(sm["LR"]), float(sm["LR_p"])]])
write("us_spatial_bounds.csv", ["kind", "class", "upper_bound"],
      [["class", a, float(v)] for a, v in enumerate(sm["cutoffs"])] +
      [["lag_class", a, float(v)] for a, v in enumerate(sm["lag_cutoffs"])])
write("us_classic_per_year_transitions.csv", ["lag_class", "from", "to", "count", "probability"],
      [["all", a, b, float(cl["transitions"][a][b]), float(cl["p"][a][b])]
       for a in range(5) for b in range(5)])
write("us_classic_per_year_steady.csv", ["lag_class", "class", "probability"],
      [["all", a, float(cl["steady_state"][a])] for a in range(5)])
