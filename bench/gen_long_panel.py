"""Write a synthetic long panel for the reader benchmark: region,year,gdp,pop,group.

Usage: python3 gen_long_panel.py ROWS OUT.csv   (regions × years = ROWS, 40 years each)
Deterministic (seeded), so every run reads the same bytes.
"""
import random
import sys

rows, out = int(sys.argv[1]), sys.argv[2]
years = 40
regions = rows // years
rng = random.Random(20261124)
with open(out, "w") as f:
    f.write("region,year,gdp,pop,group\n")
    for r in range(regions):
        rid = f"R{r:06d}"
        group = ("east", "central", "west")[r % 3]
        base = rng.uniform(1000, 50000)
        for y in range(1980, 1980 + years):
            base *= 1 + rng.uniform(-0.02, 0.08)
            f.write(f"{rid},{y},{base:.2f},{rng.uniform(10, 1000):.3f},{group}\n")
