#!/usr/bin/env python3
"""Reference tables for `regcoord clubs`, copied (not recomputed) from the R ConvergenceClubs
2.2.5 results in ../shared/reference/peer_values.json (china_ps_clubs_gdp_pc_1978_2019:
findClubs defaults on log gdp_pc 1978-2019 of china_gdp_pc_wide.csv, HP filter lambda = 400
by mFilter 0.1.5), and the worked example of ../shared/methods/02-convergence.md §5.5.

Run from this folder: python3 make_reference.py
"""
import csv
import json

blk = json.load(open("../../../../shared/reference/peer_values.json"))["china_ps_clubs_gdp_pc_1978_2019"]
w, c1 = blk["whole_sample"], blk["clubs"]["club1"]
with open("china_clubs.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["club", "size", "beta", "std_error", "t"])
    out.writerow(["all", 31, repr(w["beta"]), repr(w["std_error"]), repr(w["t"])])
    out.writerow(["1", len(c1["members"]), repr(c1["beta"]), repr(c1["std_error"]), repr(c1["t"])])
with open("china_members.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["club", "region"])
    for r in sorted(c1["members"]):
        out.writerow(["1", r])
# methods/02 §5.5 (printed to 10 significant digits there; = ConvergenceClubs 2.2.5).
with open("worked_example_clubs.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["club", "size", "beta", "std_error", "t"])
    out.writerow(["all", 8, "-0.7930237436", "0.01325668927", "-59.82064807"])
    out.writerow(["1", 4, "4.406355892", "0.2099277567", "20.98986795"])
    out.writerow(["2", 4, "4.435073056", "0.2124101693", "20.87975859"])
