"""Derive us48_census_regions.csv from us48.dbf (python3-libpysal 4.7.0, examples/us_income).

The dbf's SUB_REGION is the Census division (abbreviated); the four Census regions follow the
Census Bureau's definition of which divisions form which region. Run with /usr/bin/python3
(standard library only): python3 make_census_regions.py > us48_census_regions.csv
"""
import struct

REGION = {"N Eng": "Northeast", "Mid Atl": "Northeast", "E N Cen": "Midwest",
          "W N Cen": "Midwest", "S Atl": "South", "E S Cen": "South", "W S Cen": "South",
          "Mtn": "West", "Pacific": "West"}

raw = open("us48.dbf", "rb").read()
nrec = struct.unpack("<I", raw[4:8])[0]
header_len, rec_len = struct.unpack("<HH", raw[8:12])
fields, pos = [], 32
while raw[pos] != 0x0D:
    fields.append((raw[pos:pos + 11].split(b"\0")[0].decode(), raw[pos + 16]))
    pos += 32
rows = []
for r in range(nrec):
    rec, off, row = raw[header_len + r * rec_len + 1:header_len + (r + 1) * rec_len], 0, {}
    for name, width in fields:
        row[name] = rec[off:off + width].decode().strip()
        off += width
    rows.append(row)
print("STATE_FIPS,state_abbr,division,census_region")
for row in sorted(rows, key=lambda x: int(x["STATE_FIPS"])):
    print(f'{int(row["STATE_FIPS"])},{row["STATE_ABBR"]},{row["SUB_REGION"]},{REGION[row["SUB_REGION"]]}')
