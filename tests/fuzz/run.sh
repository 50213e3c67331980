#!/bin/sh
# Bounded fuzz runs (docs/reliability.md): builds the harnesses with clang,
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer into
# ${BUILD_DIR:-build}-fuzz and runs each for SECONDS (default 60) from the
# seed corpus in tests/fuzz/corpus. A crash, a leak, an input taking over
# 1 s or a process over 512 MB fails the run; the input is kept under
# <build>-fuzz/artifacts/ and belongs in tests/fuzz/regressions/<harness>/
# once the bug is fixed. New corpus entries stay in the build directory.
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
exit $status
