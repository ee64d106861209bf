#!/usr/bin/env bash
# Packs dist/ as the zip Logto Cloud's "Bring your UI" accepts: index.html at
# the root, root-absolute asset paths. Prints the zip's path.
# Without the precompressed .br/.gz variants: Logto Cloud serves the
# uploaded files from blob storage as they are and compresses on the fly,
# so they would only count against its limits (200 entries, 20 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "package: no dist/index.html; run make dist" >&2; exit 1; }
mkdir -p target/package
out="$PWD/target/package/logto-experience-ui.zip"
rm -f "$out"
python3 - "$out" <<'PY'
import os, sys, zipfile
out = sys.argv[1]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for folder, _, files in os.walk("dist"):
        for name in sorted(files):
            if name.endswith((".br", ".gz")):
                continue
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, "dist"))
PY
echo "$out"
