"""Extracts the Flyway migrations and statement files from the persistence jar of the built app,
so the pgbench baseline runs on exactly the schema and statements of the runtime under test."""
import pathlib
import sys
import zipfile

app, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
jars = sorted((app / "lib" / "main").glob("*cairn-persistence*.jar"))
if not jars:
    sys.exit(f"no cairn-persistence jar under {app}/lib/main")
with zipfile.ZipFile(jars[0]) as jar:
    for name in jar.namelist():
        if name.endswith(".sql") and (name.startswith("db/migration/") or "/persistence/sql/" in name):
            target = dest / pathlib.Path(name).name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(jar.read(name))
            print(target)
