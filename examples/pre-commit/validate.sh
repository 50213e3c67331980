#!/bin/sh
# The pre-commit hook's entry (.pre-commit-hooks.yaml, language: script):
# isms-obj validate with the given arguments. It runs the isms-obj on PATH
# when there is one; otherwise it builds isms-obj once from this clone of
# the isms-obj repository (pre-commit keeps one clone per hook revision)
# and runs that. Building needs the Debian bookworm build packages (as root:
# sh tests/quickstart.sh deps) and takes a few minutes, once.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
if command -v isms-obj >/dev/null 2>&1; then
  exec isms-obj validate "$@"
fi
prefix="$here/.pre-commit-build/prefix"
if [ ! -x "$prefix/bin/isms-obj" ]; then
  if ! command -v cmake >/dev/null 2>&1 || ! command -v ninja >/dev/null 2>&1; then
    echo "isms-obj is not installed, and cmake and ninja to build it are missing: install the isms-obj .deb," \
         "or the build packages (as root: sh $here/tests/quickstart.sh deps)" >&2
    exit 1
  fi
  echo "isms-obj is not installed: building it from $here, once (a few minutes)" >&2
  # Built aside and moved into place whole, so that a hook run in another
  # repository at the same time never sees half a build.
  work=$(mktemp -d "$here/.pre-commit-build.tmp-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  if ! { cmake -S "$here" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DISMS_BUILD_TESTS=OFF \
           -DISMS_MANPAGES=OFF && cmake --build "$work/build" && cmake --install "$work/build" --prefix "$work/prefix"; } \
       >"$work/log" 2>&1; then
    tail -n 30 "$work/log" >&2
    echo "isms-obj could not be built (the build packages: sh $here/tests/quickstart.sh deps, as root)" >&2
    exit 1
  fi
  mkdir -p "$here/.pre-commit-build"
  mv -T "$work/prefix" "$prefix" 2>/dev/null || true
fi
exec "$prefix/bin/isms-obj" validate "$@"
