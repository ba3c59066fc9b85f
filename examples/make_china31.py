#!/usr/bin/env python3
"""Write examples/china31.json: China's 31 provinces in 2000 as inline regions of a
regcoord-scenario/1 file (the simulator does not read panels as regions yet).

Inputs (../shared/data/china_provinces): china_provinces_panel.csv (pop in 10^4 persons, gdp in
10^8 yuan), regions.csv (name, group), geo/china_provinces_centroids.csv (lon, lat). The panel has no
urbanization column, so every province gets the national 2000 rate 0.36 (design §6.6). Urban and
rural workers are shares of the national population (model units, sum 1); capital is the
province's share of national GDP times 31 (mean 1); TFP is 1 (uncalibrated).

With --baseline it writes examples/china31_baseline.json instead: the same regions, parameters
and integration paths (falling transport costs, rising spillovers) with no policy and no
governance rule, the market-only baseline that `regcoord report --baseline` compares against.

Usage: python3 examples/make_china31.py [--baseline] [SHARED_DIR] > examples/china31.json
"""
import csv
import json
import sys

args = [a for a in sys.argv[1:] if a != "--baseline"]
baseline = len(args) != len(sys.argv) - 1
shared = args[0] if args else "../shared"
base = shared + "/data/china_provinces/"
panel = {r["region_id"]: r for r in csv.DictReader(open(base + "china_provinces_panel.csv"))
         if r["year"] == "2000"}
side = {r["region_id"]: r for r in csv.DictReader(open(base + "regions.csv"))}
groups = {i: r["group"] for i, r in side.items()}
cent = {r["region_id"]: r for r in csv.DictReader(open(base + "geo/china_provinces_centroids.csv"))}
ids = sorted(panel)
pop = {i: float(panel[i]["pop"]) for i in ids}
gdp = {i: float(panel[i]["gdp"]) for i in ids}
P, Y = sum(pop.values()), sum(gdp.values())
u = 0.36
regions = [{
    "id": i, "name": side[i]["region_name"], "group": groups[i],
    "urban": round(u * pop[i] / P, 10), "rural": round((1 - u) * pop[i] / P, 10),
    "capital": round(len(ids) * gdp[i] / Y, 10),
    "lon": float(cent[i]["centroid_lon"]), "lat": float(cent[i]["centroid_lat"]),
} for i in ids]
scenario = {
    "format": "regcoord-scenario/1",
    "name": "china31_coordination_2000_2035",
    "description": "Illustrative, uncalibrated: China's 31 provinces from 2000 (population, GDP "
                   "shares as capital, national urbanization 0.36), great-circle costs, falling "
                   "transport costs and rising spillovers to 2035, coastal FDI, high-speed rail "
                   "in 2008, a Yangtze River Delta fund from 2015, aid to provinces below the "
                   "mean GDP per person, raised by a governance rule while the gap stays above "
                   "0.05. Written by examples/make_china31.py.",
    "seed": 20240601,
    "periods": {"start": 0, "count": 36, "year0": 2000},
    "regions": regions,
    "geography": {"type": "points", "tau": 0.45, "border_cost": 0.1},
    "model": {"sigma": 6, "mu": 0.6},
    "growth": {"knowledge_elasticity": 0.3, "depreciation": 0.06, "saving_rate": 0.45,
               "tfp_growth": 0.02},
    "spillover": {"degree": 0.3, "global_share": 0.1, "decay": 0.6, "border_barrier": 0.2},
    "migration": {"gamma": 2, "congestion": 0.05},
    "rural_urban": {"speed": 0.04, "cost": 0.2},
    "credit": {"integration": 0.5, "size_elasticity": 1.3, "return_elasticity": 0.5},
    "shocks": {"sd": 0.02, "rho": 0.5},
    "policies": [
        {"id": "west-aid", "type": "aid", "tax_rate": 0.01, "threshold": 1.0,
         "investment_share": 0.6, "basis": "gdp_pc", "start": 2000},
        {"id": "coastal-fdi", "type": "fdi", "regions": ["310000", "320000", "330000", "440000", "350000"],
         "values": {"type": "piecewise", "points": [[2000, 0.004], [2015, 0.002], [2035, 0.001]]}},
        {"id": "hsr", "type": "infrastructure", "at": 2008, "pairs": "all", "factor": 0.8},
        {"id": "yrd-fund", "type": "fund", "members": ["310000", "320000", "330000", "340000"],
         "contribution": 0.05, "disbursement": 0.3, "investment_share": 1.0, "interest": 0.0,
         "start": 2015},
    ],
    "governance": [
        {"id": "raise-aid", "when": {"metric": "theil_t_w", "op": ">", "value": 0.05, "for": 3},
         "then": [{"param": "policies.west-aid.tax_rate", "op": "add", "value": 0.005, "max": 0.04}],
         "cooldown": 5},
    ],
    "paths": [
        {"param": "geography.tau", "type": "logistic", "start": 0.45, "end": 0.2, "mid": 2012,
         "rate": 0.3},
        {"param": "spillover.degree", "type": "linear", "from": 2000, "to": 2035, "start": 0.3,
         "end": 0.7},
    ],
    "output": {"gap_variable": "real_income"},
}
if baseline:
    del scenario["policies"], scenario["governance"]
    scenario["name"] = "china31_market_only_2000_2035"
    scenario["description"] = ("Baseline of china31.json: the same 31 provinces, parameters, "
                               "falling transport costs and rising spillovers to 2035, without "
                               "aid, FDI, high-speed rail, the fund or the governance rule. "
                               "Written by examples/make_china31.py --baseline.")
json.dump(scenario, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
