#!/bin/sh
# The benchmark of docs/performance.md, in one run on a Debian bookworm
# machine (as root, to install the peers):
#   sh tests/bench/run.sh [university,region,national]
# Builds Release into ${BUILD_DIR:-build}-bench, installs ajv-cli there with
# npm and the Python peers from Debian, then runs bench.py.
set -eu
sizes=${1:-university,region,national}
here=$(cd "$(dirname "$0")/../.." && pwd)
build="${BUILD_DIR:-$here/build}-bench"
sh "$here/tests/quickstart.sh" run >/dev/null  # the project's own dependencies
missing=""
for p in time git python3-jsonschema python3-yaml yamllint nodejs npm; do
  command -v node >/dev/null 2>&1 && [ "$p" = nodejs -o "$p" = npm ] && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ -x "$build/node/node_modules/.bin/ajv" ] ||
  (mkdir -p "$build/node" && cd "$build/node" && npm install --silent --no-audit --no-fund ajv-cli@5 >/dev/null)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DISMS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target isms-obj >/dev/null
cc -O2 -o "$build/floor" "$here/tests/bench/floor.c"
cc -O2 -pthread -o "$build/stamp_floor" "$here/tests/bench/stamp_floor.c"
python3 "$here/tests/bench/bench.py" --binary "$build/cli/isms-obj" --work "$build/stores" \
  --ajv "$build/node/node_modules/.bin/ajv" --floor "$build/floor" --stamp-floor "$build/stamp_floor" \
  --sizes "$sizes"
