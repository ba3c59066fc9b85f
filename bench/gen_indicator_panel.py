"""Write a synthetic indicator panel and index system for the coordinate benchmark.

Usage: python3 gen_indicator_panel.py REGIONS YEARS INDICATORS PANEL.csv SYSTEM.csv
Log-normal values, three subsystems (every third indicator a cost indicator). Deterministic
(seeded), so every run reads the same bytes.
"""
import math
import random
import sys

regions, years, k = (int(a) for a in sys.argv[1:4])
panel, system = sys.argv[4], sys.argv[5]
rng = random.Random(20261202)
subs = ("economy", "society", "environment")
with open(system, "w") as f:
    f.write("indicator,subsystem,direction\n")
    for j in range(k):
        f.write(f"x{j + 1},{subs[j % 3]},{'-' if j % 3 == 2 else '+'}\n")
with open(panel, "w") as f:
    f.write("region,year," + ",".join(f"x{j + 1}" for j in range(k)) + "\n")
    for r in range(regions):
        for y in range(2000, 2000 + years):
            vals = ",".join(f"{math.exp(rng.gauss(3, 0.8)):.4f}" for _ in range(k))
            f.write(f"R{r:05d},{y},{vals}\n")
