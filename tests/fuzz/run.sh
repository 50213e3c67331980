#!/bin/sh
# Bounded fuzz runs (docs/reliability.md): builds the harnesses with clang,
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer into
# ${BUILD_DIR:-build}-fuzz and runs each for SECONDS (default 60) from the
# seed corpus in tests/fuzz/corpus. A crash, a leak, an input taking over
# 1 s or a process over 512 MB fails the run; the input is kept under
# <build>-fuzz/artifacts/ and belongs in tests/fuzz/regressions/<harness>/
# once the bug is fixed. New corpus entries stay in the build directory.
# Inputs are at most 8 KiB, where libFuzzer mutates best; a second, shorter
# run of the YAML and record harnesses takes inputs up to the 1 MiB a record
# may have, from seeds with one very long line, under a timeout a linear
# loader meets easily (a quadratic one took minutes on such inputs).
#   sh tests/fuzz/run.sh [SECONDS]
set -eu
seconds=${1:-60}
here=$(cd "$(dirname "$0")/../.." && pwd)
build="${BUILD_DIR:-$here/build}-fuzz"
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DISMS_FUZZ=ON \
  -DISMS_WARNINGS_AS_ERRORS=$werror >/dev/null
cmake --build "$build" --target fuzz_yaml fuzz_record fuzz_csv

status=0
for h in yaml record csv; do
  corpus="$build/corpus/$h"
  artifacts="$build/artifacts/$h"
  mkdir -p "$corpus" "$artifacts"
  log="$build/fuzz-$h.log"
  echo "fuzz_$h: ${seconds}s"
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
     "$build/tests/fuzz/fuzz_$h" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=512 -max_len=8192 \
       -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$here/tests/fuzz/corpus/$h" \
       "$here/tests/fuzz/regressions/$h" >"$log" 2>&1; then
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$log" | tr '\n' ' '
    echo
  else
    status=1
    echo "fuzz_$h FAILED; the last lines of $log:"
    tail -n 40 "$log"
    ls -l "$artifacts"
  fi
done
# Long inputs: seeds of ~700 KB on one line (a flow mapping, a plain and a
# quoted scalar), made here rather than kept in the repository.
long="$build/corpus-long"
mkdir -p "$long/yaml" "$long/record"
python3 - "$long" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
pairs = ", ".join(f"k{1000000 + i}: 資料值" for i in range(40000))
seeds = {
    "flow-mapping": "{" + pairs + "}\n",
    "plain-scalar": "kind: result\nvariance: " + "差異說明 " * 80000 + "\n",
    "quoted-scalar": 'kind: result\nvariance: "' + "a\\u00e9 " * 100000 + '"\n',
}
for name, text in seeds.items():
    (out / "yaml" / name).write_text(text, encoding="utf-8")
    (out / "record" / name).write_text("units/cc/2026/results/q1/incidents.yaml\n" + text, encoding="utf-8")
PY
long_seconds=$((seconds / 4 + 1))
for h in yaml record; do
  log="$build/fuzz-long-$h.log"
  artifacts="$build/artifacts/long-$h"
  mkdir -p "$artifacts" "$build/corpus/long-$h"
  echo "fuzz_$h (inputs up to 1 MiB): ${long_seconds}s"
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
     "$build/tests/fuzz/fuzz_$h" -max_total_time="$long_seconds" -timeout=20 -rss_limit_mb=1024 -max_len=1048576 \
       -len_control=0 -print_final_stats=1 -artifact_prefix="$artifacts/" "$build/corpus/long-$h" "$long/$h" \
       >"$log" 2>&1; then
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$log" | tr '\n' ' '
    echo
  else
    status=1
    echo "fuzz_$h on long inputs FAILED; the last lines of $log:"
    tail -n 40 "$log"
    ls -l "$artifacts"
  fi
done
exit $status
