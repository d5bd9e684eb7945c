"""Prints the runtime's claim statement (claim_runs.sql from the built app) with literal values in
place of its JDBC parameters, under EXPLAIN (ANALYZE, BUFFERS) in a rolled-back transaction.

The parameters are read from the statement's own "Parameters:" comment, so the rendering follows
the statement as it evolves. Usage: claim_sql.py CLAIM_SQL IN_FLIGHT_IDS (comma-separated uuids)
"""
import re
import sys

path, in_flight = sys.argv[1], sys.argv[2]
sql = open(path).read()
params = re.search(r"Parameters:(.*?)\n(?!--)", sql + "\n", re.S)
if not params:
    sys.exit("no Parameters: comment in " + path)
names = re.findall(r"(\d+)\s+([^,]+?)(?=,\s*\d+\s|$)", " ".join(
    line.lstrip("- ").strip() for line in params.group(1).splitlines()))
ids = ",".join(i for i in in_flight.split(",") if i)
values = []
for _, name in sorted(names, key=lambda n: int(n[0])):
    n = name.lower()
    if n == "cap enabled":
        values.append("false")
    elif n == "cap":
        values.append("2147483647")
    elif "expir" in n:
        values.append("now() + interval '15 seconds'")
    elif n.startswith("now"):
        values.append("now()")
    elif "limit" in n:
        values.append("32")
    elif "node" in n:
        values.append("'explain'")
    elif "uuid[]" in n or "ids" in n:
        values.append(f"'{{{ids}}}'::uuid[]")
    else:
        sys.exit(f"unknown claim parameter '{name}'")
body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
parts = body.split("?")
if len(parts) - 1 != len(values):
    sys.exit(f"{len(parts) - 1} placeholders but {len(values)} documented parameters")
rendered = parts[0] + "".join(v + p for v, p in zip(values, parts[1:]))
print("BEGIN;\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF)\n" + rendered.strip().rstrip(";") + ";\nROLLBACK;")
