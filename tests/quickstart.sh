#!/bin/sh
# Quick start on Debian bookworm (run as root, or with the packages present):
#   sh tests/quickstart.sh deps   install the packages a build needs, nothing else
#                                  (the GitHub Action and the pre-commit hook use it)
#   sh tests/quickstart.sh run    install what is missing, build, validate the example store
#   sh tests/quickstart.sh test   the same, then run the whole test suite, plainly and
#                                  under AddressSanitizer + UndefinedBehaviorSanitizer
# Build output goes to ./build (override with BUILD_DIR). In CI (CI=true)
# compiler warnings are errors.
set -eu

mode=${1:-run}
case "$mode" in run|test|deps) ;; *) echo "usage: $0 run|test|deps" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-"$here/build"}

packages="g++ cmake ninja-build pkg-config python3 libyaml-cpp-dev libcli11-dev libfmt-dev doctest-dev
nlohmann-json3-dev libvalijson-dev libcereal-dev libutf8proc-dev libssl-dev libcsv-dev libxlsxwriter-dev libzip-dev libexpat1-dev
git python3-yaml help2man groff-base gettext"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages:$missing (run as root to install them)" >&2
    exit 3
  fi
  echo "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ "$mode" = deps ] && exit 0

# What git sees of the source tree before anything runs, but the build
# directories: the run and the suite must leave it exactly so (no cache,
# lock, report or bytecode written into the clone).
tree_state() {
  git -C "$here" status --porcelain --ignored --untracked-files=all -- . \
    ":(exclude)${build#"$here"/}" ":(exclude)${build#"$here"/}-asan" ":(exclude)${build#"$here"/}-fuzz" 2>/dev/null || true
}
before=$(tree_state)

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DISMS_WARNINGS_AS_ERRORS=$werror >/dev/null
cmake --build "$build"

# A copy of the example store: commands keep caches in their store, and the
# clone stays as it was checked out.
example="$build/example-store"
rm -rf "$example" && cp -R "$here/examples/university" "$example"
"$build/cli/isms-obj" --store "$example" --today 2026-11-24 validate --summary
# The main job: the management-review report (ISMS-P-005 §5.6) of the example
# store, on the terminal and as a printable HTML file.
"$build/cli/isms-obj" --store "$example" --today 2026-11-24 report --year 2026
"$build/cli/isms-obj" --store "$example" --today 2026-11-24 report --year 2026 --format html \
  --output "$build/management-review-2026.html" >/dev/null
echo "HTML report: $build/management-review-2026.html"

if [ "$mode" = test ]; then
  # The HTML test prints reports to PDF in headless Chromium with a CJK font;
  # the fuzz runs need clang and its libFuzzer runtime; the confinement test
  # traces file access with strace; the hook test runs pre-commit; the
  # completion test loads the zsh completion into zsh; the install test
  # renders the man pages, builds the .debs (dpkg-shlibdeps needs file) and
  # checks them with lintian; the outputs test checks JSON and SARIF against
  # their schemas with python3-jsonschema;
  # the spreadsheet test reads reports back with openpyxl and prints them with
  # LibreOffice (libreoffice-calc-nogui, with Carlito: the metrics of the
  # workbook's default font Calibri, which its column widths are measured in); the chat cron job
  # formats its message with jq; the signature test makes keys with
  # ssh-keygen (openssh-client).
  extra=""
  for p in chromium fonts-noto-cjk poppler-utils clang libclang-rt-14-dev strace pre-commit zsh \
           man-db groff-base dpkg-dev file lintian python3-jsonschema python3-openpyxl libreoffice-calc-nogui fonts-crosextra-carlito jq openssh-client; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || extra="$extra $p"
  done
  if [ -n "$extra" ] && [ "$(id -u)" -eq 0 ]; then
    echo "installing:$extra"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $extra >/dev/null
  fi
  (cd "$build" && ctest --output-on-failure -j "$(nproc)")
  # The same suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer:
  # any memory error or undefined behaviour in any test fails the run.
  asan="${build}-asan"
  cmake -S "$here" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DISMS_SANITIZE=ON \
    -DISMS_WARNINGS_AS_ERRORS=$werror >/dev/null
  cmake --build "$asan"
  (cd "$asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ctest --output-on-failure -j "$(nproc)")
  # Bounded fuzzing of the loader, every record kind's validation and the
  # CSV imports (tests/fuzz): ${FUZZ_SECONDS:-60} s per harness.
  BUILD_DIR="$build" sh "$here/tests/fuzz/run.sh" "${FUZZ_SECONDS:-60}"
fi

# A store's lock and caches are working files, never part of the repository.
tracked=$(git -C "$here" ls-files -- ':(glob)**/.isms-obj/cache/**' ':(glob)**/.isms-obj/lock' 2>/dev/null || true)
if [ -n "$tracked" ]; then
  echo "working files are committed (git rm --cached them):" >&2
  printf '%s\n' "$tracked" >&2
  exit 1
fi
after=$(tree_state)
if [ "$before" != "$after" ]; then
  echo "the source tree changed while building and testing (nothing may be written there):" >&2
  printf '%s\n' "$after" | grep -vxF -e "$before" >&2 || printf '%s\n' "$after" >&2
  exit 1
fi
