#!/usr/bin/env python3
"""Benchmarks isms-obj against the tools a user would pick instead, in one run
(docs/performance.md). Not part of the test suite.

  sh tests/bench/run.sh [SIZES...]      (installs the peers, builds Release, runs this)
  bench.py --binary B --work DIR --ajv AJV [--sizes university,region,national]

For each size it generates the store (tests/bench/gen_store.py), then times
each command once and prints a Markdown table: wall time, time per store
file, peak RSS of the process (the largest of several for ajv, one per
record kind), and the time as a multiple of two figures of the same run on
the same store: ajv-cli's schema check of every file, and the floor, one
process reading every byte of every file (tests/bench/floor.c).
"""
import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCHEMAS = os.path.join(REPO, "schemas")
TODAY = "2026-11-24"
KIND_GLOBS = {
    "config": "isms-obj.yaml",
    "setting": "units/*/*/setting.yaml",
    "approval": "approvals/*/*/*.yaml",
    "result": "units/*/*/results/*/*.yaml",
    "review": "reviews/*/*/*.yaml",
    "referral": "referrals/*/*/*.yaml",
}
TIMEOUT = 1800


def measure(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """(seconds, peak RSS in MiB, exit code) of one process.

    The command runs under GNU time: a child forked from this (large) Python
    process would count the parent's pages in its own peak RSS."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *cmd], cwd=cwd, stdout=stdout,
                           stderr=subprocess.DEVNULL, env={**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"},
                           check=False)
        elapsed = time.perf_counter() - start
        lines = [l for l in report.read().splitlines() if l.strip()]
    return elapsed, int(lines[-1]) / 1024, p.returncode


def files_of(store):
    out = []
    for dirpath, dirnames, filenames in os.walk(store):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        out += [os.path.join(dirpath, n) for n in filenames]
    return out


def bench_size(size, a, rows):
    store = os.path.join(a.work, size)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "gen_store.py"), size, store], check=True,
                   stdout=subprocess.DEVNULL)
    files = files_of(store)
    total_bytes = sum(os.path.getsize(f) for f in files)
    print(f"## {size}: {len(files)} files, {total_bytes / 2**20:.0f} MiB (generated in "
          f"{time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    iso = [a.binary, "--store", store, "--today", TODAY]
    mine = []
    # Every command finds the store written out and in the page cache, as on
    # a machine that works with it: right after generation the kernel is
    # still writing 438,000 new files back, and the first reader of a file
    # would pay for the disk, whichever tool it is.
    os.sync()
    subprocess.run([a.floor, store], check=True, stdout=subprocess.DEVNULL)
    # and every file older than the caches' racy margin (2 s), as a store
    # checked out earlier is: a file written within it of the cold run is
    # read again by the next run to prove its stamp (docs/performance.md).
    time.sleep(2.5)

    def row(what, secs, rss, code, ok=(0,)):
        note = "" if code in ok else f" (exit {code})"
        mine.append([size, len(files), what + note, secs, rss])
        print(f"  {what}{note}: {secs:.3f} s, {rss:.0f} MiB", file=sys.stderr)

    row("isms-obj validate (cold: no cache)", *measure([*iso, "validate", "--summary"]))
    row("isms-obj validate (warm: nothing changed)", *measure([*iso, "validate", "--summary"]))
    rng = random.Random(1)
    now = time.time()
    sample = rng.sample(files, max(1, len(files) // 100))
    for f in sample:
        os.utime(f, (now, now))
    row("isms-obj validate (1% touched: new mtime, same bytes)", *measure([*iso, "validate", "--summary"]))
    for f in sample:
        with open(f, "a", encoding="utf-8") as out:
            out.write("# edited\n")
    row("isms-obj validate (1% edited: a comment added)", *measure([*iso, "validate", "--summary"]))
    row("isms-obj validate --no-cache", *measure([*iso, "--no-cache", "validate", "--summary"]))

    # Peers on the same files with the same schemas.
    secs = rss = 0.0
    code = 0
    for kind, pattern in KIND_GLOBS.items():
        s, r, c = measure([a.ajv, "validate", "--spec=draft7", "--strict=false", "--errors=line",
                           "-s", os.path.join(SCHEMAS, f"{kind}.schema.json"), "-d", os.path.join(store, pattern)])
        secs, rss, code = secs + s, max(rss, r), code or c
    row("ajv-cli 5 (schemas only, one run per kind)", secs, rss, code)
    row("python3 jsonschema + PyYAML CSafeLoader (schemas only)",
        *measure(["/usr/bin/python3", os.path.join(HERE, "py_validate.py"), SCHEMAS, store]))
    row("yamllint (syntax only)", *measure(["yamllint", "-d", "{rules: {}}", store]))
    row("floor: one process reading every byte", *measure([a.floor, store]))
    row("stamp floor: every file stamped, one thread per core (the least a sound warm answer costs)",
        *measure([a.stamp_floor, store]))

    # The everyday commands, without and with the record cache.
    row("isms-obj status --no-cache", *measure([*iso, "--no-cache", "status"]), ok=(0, 1))
    row("isms-obj status (record cache warm, summaries written)", *measure([*iso, "status"]), ok=(0, 1))
    row("isms-obj status (record cache and summaries warm)", *measure([*iso, "status"]), ok=(0, 1))
    row("isms-obj report --year 2026 --no-cache", *measure([*iso, "--no-cache", "report", "--year", "2026"]))
    row("isms-obj report --year 2026 (record cache warm, summaries written)",
        *measure([*iso, "report", "--year", "2026"]))
    row("isms-obj report --year 2026 (record cache and summaries warm)", *measure([*iso, "report", "--year", "2026"]))
    row("isms-obj review --year 2026 --quarter 2 --unit u0001",
        *measure([*iso, "review", "--year", "2026", "--quarter", "2", "--unit", "u0001"]))

    # A pull request that records one result: the store is a git repository,
    # the result is written by record-quarter and validate --base judges it.
    with open(os.path.join(store, ".gitignore"), "w") as f:
        f.write(".isms-obj/cache/\n.isms-obj/lock\n")
    # No automatic gc: one left running in the background would race the
    # removal of the store at the end.
    g = ["git", "-C", store, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "gc.auto=0",
         "-c", "maintenance.auto=false"]
    subprocess.run([*g, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*g, "add", "-A"], check=True)
    subprocess.run([*g, "commit", "-q", "-m", "store"], check=True)
    subprocess.run([*g, "checkout", "-q", "-b", "q4"], check=True)
    later = [a.binary, "--store", store, "--today", "2027-01-05"]
    row("isms-obj record-quarter (one result)",
        *measure([*later, "record-quarter", "--year", "2026", "--quarter", "4", "--unit", "u0001", "--objective",
                  "obj-01", "--actual", "0", "--reporter", "u0001.staff"]))
    row("isms-obj validate --base main (the pull request of that result)",
        *measure([*later, "validate", "--base", "main"]))
    row("git diff --name-status main (what --base asks git)",
        *measure(["git", "-C", store, "diff", "--name-status", "main"]))

    ajv = next(r[3] for r in mine if r[2].startswith("ajv-cli"))
    floor = next(r[3] for r in mine if r[2].startswith("floor"))
    for r in mine:
        rows.append((*r, r[3] / ajv, r[3] / floor))
    if not a.keep:
        shutil.rmtree(store, ignore_errors=True)


def bench_example(a, rows):
    """Every command on the bundled example store (target: each under 50 ms)."""
    store = os.path.join(a.work, "example")
    shutil.rmtree(store, ignore_errors=True)
    shutil.copytree(os.path.join(REPO, "examples", "university"), store)
    n = len(files_of(store))
    iso = [a.binary, "--store", store, "--today", TODAY]
    commands = [
        ("validate (cold)", ["validate"]),
        ("validate (warm)", ["validate"]),
        ("status", ["status"]),
        ("report --year 2026", ["report", "--year", "2026"]),
        ("report --form review --format html", ["report", "--year", "2026", "--form", "review", "--format", "html"]),
        ("review --year 2026 --quarter 3 --unit lio", ["review", "--year", "2026", "--quarter", "3", "--unit", "lio"]),
        ("retention-check", ["retention-check"]),
        ("record-quarter (one result, --dry-run)",
         ["record-quarter", "--year", "2026", "--quarter", "3", "--unit", "lio", "--objective", "vuln-patch-rate",
          "--numerator", "99", "--denominator", "100", "--reporter", "lee.ch", "--amend", "--reason", "bench", "--dry-run"]),
        ("set --from-year (next year's draft from this year's table)",
         ["set", "--year", "2027", "--unit", "accounting", "--from-year", "2026"]),
    ]
    for what, args in commands:
        secs, rss, code = measure([*iso, *args])
        rows.append(("example", n, f"isms-obj {what}" + ("" if code in (0, 1) else f" (exit {code})"), secs, rss,
                     float("nan"), float("nan")))
        print(f"  example {what}: {secs * 1000:.0f} ms (exit {code})", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--ajv", required=True)
    ap.add_argument("--floor", required=True, help="the floor program (tests/bench/floor.c, compiled)")
    ap.add_argument("--stamp-floor", required=True, help="the stamping floor (tests/bench/stamp_floor.c, compiled)")
    ap.add_argument("--sizes", default="university,region,national")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    rows = []
    bench_example(a, rows)
    for size in a.sizes.split(","):
        bench_size(size, a, rows)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 2**20 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    print(f"Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {platform.system()} {platform.release()}; "
          f"isms-obj Release build; one run per figure.\n")
    print("| store | files | command | wall time (s) | µs per file | peak RSS (MiB) | × ajv-cli | × floor |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")

    def x(v):
        return "-" if v != v else f"{v:.2f}"

    for size, n, what, secs, rss, to_ajv, to_floor in rows:
        shown = f"{secs:.3f}" if secs < 1 else f"{secs:.2f}"
        print(f"| {size} | {n} | {what} | {shown} | {secs / n * 1e6:.1f} | {rss:.0f} | {x(to_ajv)} | {x(to_floor)} |")


if __name__ == "__main__":
    main()
