#!/usr/bin/env python3
"""Export → import → the same records. The 005-01 and 005-02 sheets that
`report --format csv|xlsx` writes, in zh-TW and English, are read back by
`set --from` and `record-quarter --from` into a copy of the example store
whose tables or results were deleted; the records written must hold what
the originals held (compared as YAML data, since the originals were written
by people, with comments)."""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

from checks import clean_env

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YEAR, QUARTER, TODAY = "2026", "3", "2026-11-24"
# What a result holds; sequence and reason belong to the amendment history,
# which an export of the results on record does not carry.
RESULT_KEYS = ("year", "quarter", "unit", "objective", "actual", "numerator", "denominator", "no_events",
               "measure_unit", "variance", "reported_by", "reported")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def latest_results(store):
    """The latest amendment of each unit/quarter/objective of the year."""
    out = {}
    for path in glob.glob(os.path.join(store, "units", "*", YEAR, "results", "q*", "*.yaml")):
        r = load(path)
        key = (r["unit"], r["quarter"], r["objective"])
        if key not in out or r.get("sequence", 1) > out[key].get("sequence", 1):
            out[key] = r
    return {k: {f: v[f] for f in RESULT_KEYS if f in v} for k, v in out.items()}


def objectives(path):
    return {o["id"]: o for o in load(path)["objectives"]}


def run(binary, store, *args):
    return subprocess.run([binary, "--store", store, "--today", TODAY, *args], capture_output=True, text=True,
                          env=clean_env())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    failures = []
    work = tempfile.mkdtemp(prefix="isms-obj-roundtrip-")
    original = os.path.join(work, "original")
    shutil.copytree(os.path.join(REPO, "examples", "university"), original)
    # A quarter amended to "no events": the export carries the latest
    # amendment, and 本季無事件 with its reason.
    p = run(a.binary, original, "record-quarter", "--year", YEAR, "--quarter", "2", "--unit", "lio", "--objective",
            "incident-report-time", "--no-events", "本季未發生須通報之資安事件", "--reporter", "chen.yl", "--amend",
            "--reason", "原填報數字為演練通報，非實際事件")
    if p.returncode != 0:
        failures.append(f"amending the original: exited {p.returncode}: {p.stderr}")
    units = sorted(os.path.basename(p) for p in glob.glob(os.path.join(original, "units", "*")))
    want_results = latest_results(original)

    for lang in ("zh-TW", "en"):
        for fmt in ("csv", "xlsx"):
            tag = f"{lang}/{fmt}"
            exports = {}
            before_export = len(failures)
            for form in ("setting", "review"):
                out = os.path.join(work, f"{form}-{lang}.{fmt}")
                p = run(a.binary, original, "report", "--year", YEAR, "--quarter", QUARTER, "--form", form,
                        "--format", fmt, "--lang", lang, "--output", out)
                if p.returncode != 0:
                    failures.append(f"{tag}: report --form {form} exited {p.returncode}: {p.stderr.strip()}")
                exports[form] = out
            if len(failures) > before_export:
                continue

            # 005-01: every unit's table from the one export of all tables.
            store = os.path.join(work, f"set-{lang}-{fmt}")
            shutil.copytree(original, store)
            for unit in units:
                table = os.path.join(store, "units", unit, YEAR, "setting.yaml")
                before = load(table)
                os.remove(table)
                p = run(a.binary, store, "set", "--year", YEAR, "--unit", unit, "--from", exports["setting"],
                        "--compiled-by", before["compiled_by"], "--supervisor", before["supervisor"])
                if p.returncode != 0:
                    failures.append(f"{tag}: set --unit {unit} exited {p.returncode}: {p.stdout}{p.stderr}")
                    continue
                want = {o["id"]: o for o in before["objectives"]}
                got = objectives(table)
                for oid in sorted(set(want) | set(got)):
                    w, g = want.get(oid), got.get(oid)
                    if w is None or g is None:
                        failures.append(f"{tag}: {unit}/{oid} {'added' if w is None else 'lost'}")
                        continue
                    # last_year_actual: null and no last_year_actual are the same content.
                    w = {k: v for k, v in w.items() if v is not None}
                    g = {k: v for k, v in g.items() if v is not None}
                    for k in sorted(set(w) | set(g)):
                        if w.get(k) != g.get(k):
                            failures.append(f"{tag}: {unit}/{oid}.{k}: {w.get(k)!r} became {g.get(k)!r}")

            # 005-02: every result of the year from the one export.
            store = os.path.join(work, f"record-{lang}-{fmt}")
            shutil.copytree(original, store)
            for d in glob.glob(os.path.join(store, "units", "*", YEAR, "results")):
                shutil.rmtree(d)
            p = run(a.binary, store, "record-quarter", "--from", exports["review"])
            if p.returncode != 0:
                failures.append(f"{tag}: record-quarter exited {p.returncode}: {p.stdout}{p.stderr}")
                continue
            got_results = latest_results(store)
            for key in sorted(set(want_results) | set(got_results)):
                w, g = want_results.get(key), got_results.get(key)
                if w != g:
                    failures.append(f"{tag}: result {key}: {w!r} became {g!r}")
            p = run(a.binary, store, "validate")
            if p.returncode != 0:
                failures.append(f"{tag}: validate after the import exited {p.returncode}: {p.stdout}")
            print(f"{tag}: {len(units)} tables and {len(got_results)} results read back")

    for f in failures[:40]:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
