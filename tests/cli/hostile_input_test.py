#!/usr/bin/env python3
"""Bad input is answered as bad input (exit 2, naming what is wrong), never
as an internal error (exit 3) naming a file that was never written, and
never by waiting forever:

  * control characters (ESC, BEL, DEL, U+0085), bidirectional controls
    (U+202E, the "Trojan Source" trick on a form the CISO signs) and line
    separators (U+2028) in every text option of every writing command, and
    in a CSV and an xlsx input;
  * a record that would exceed the bounds records are read under (a
    setting table of 19,000 objectives);
  * a symbolic link or a pipe where the store's lock is; a pipe as --from;
and the same characters inside a record are reported by validate.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from checks import clean_env

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2027-01-10"
BAD = {"ESC": "\x1b", "BEL": "\x07", "DEL": "\x7f", "NEL": "\u0085", "RLO": "\u202e", "LSEP": "\u2028"}

RECORD = ["record-quarter", "--year", "2026", "--quarter", "4", "--unit", "lio", "--objective",
          "phishing-open-rate", "--numerator", "1", "--denominator", "100", "--reporter", "chen.yl"]
# (command, the text option to poison)
TEXT_OPTIONS = [
    (RECORD, "--variance"),
    (RECORD, "--reason"),
    (["record-quarter", "--year", "2026", "--quarter", "4", "--unit", "lio", "--objective",
      "incident-report-time", "--reporter", "chen.yl"], "--no-events"),
    (["review", "--year", "2026", "--quarter", "3", "--unit", "lio", "--record", "--reviewer", "lee.ch",
      "--correct", "x"], "--opinion"),
    (["referral", "--year", "2026", "--unit", "lio", "--objective", "vuln-patch-rate", "--close", "--by",
      "lee.ch"], "--evidence"),
    (["set", "--year", "2027", "--unit", "lio", "--objective", "new-one", "--comparison", ">=", "--target", "1",
      "--measure-unit", "count", "--precision", "0", "--aggregation", "sum", "--owner", "chen.yl",
      "--method", "m", "--data-source", "d"], "--item"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    args = ap.parse_args()
    env = clean_env()
    env.update({"TZ": "UTC", "NO_COLOR": "1", "ISMS_OBJ_LANG": "en"})
    failures = []

    with tempfile.TemporaryDirectory() as tmp:
        store = os.path.join(tmp, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store)

        def run(argv, timeout=60):
            return subprocess.run([args.binary, "--today", TODAY, *argv], cwd=store, env=env,
                                  capture_output=True, timeout=timeout)

        def expect(what, p, code, words):
            err = p.stderr.decode(errors="replace")
            if p.returncode != code or words not in err:
                failures.append(f"{what}: exit {p.returncode} (expected {code}), stderr lacks {words!r}:\n{err[-500:]}")

        def unchanged(what, before):
            after = sorted(os.listdir(os.path.join(store, "units", "lio", "2026", "results", "q4"))) \
                if os.path.isdir(os.path.join(store, "units", "lio", "2026", "results", "q4")) else []
            if after != before:
                failures.append(f"{what}: wrote {after}")

        q4 = []
        for argv, option in TEXT_OPTIONS:
            for name, ch in BAD.items():
                p = run(argv + [option, f"a{ch}b"])
                expect(f"{argv[0]} {option} {name}", p, 2, f"{option}: holds U+{ord(ch):04X}")
                unchanged(f"{argv[0]} {option} {name}", q4)

        # The same characters in an input file.
        for name, ch in BAD.items():
            csv = os.path.join(tmp, f"bad-{name}.csv")
            with open(csv, "w", encoding="utf-8") as f:
                f.write("unit,objective,numerator,denominator,variance,reported_by\n"
                        f"lio,phishing-open-rate,1,100,a{ch}b,chen.yl\n")
            p = run(["record-quarter", "--year", "2026", "--quarter", "4", "--from", csv])
            expect(f"csv {name}", p, 2, f"U+{ord(ch):04X}")
            unchanged(f"csv {name}", q4)

        # A record beyond the bounds: a table of 19,000 objectives (228,000
        # values; its 880 KB sheet is within the input bound).
        sheet = os.path.join(tmp, "many.csv")
        with open(sheet, "w", encoding="utf-8") as f:
            f.write("id,item,comparison,target,measure_unit,precision,aggregation,department,owner,method,"
                    "data_source\n")
            for i in range(19000):
                f.write(f"o{i},i,>=,1,count,0,sum,research,yang.th,m,d\n")
        p = run(["set", "--year", "2027", "--unit", "research", "--from", sheet, "--compiled-by", "yang.th",
                 "--supervisor", "yang.th"])
        expect("19,000 objectives", p, 2, "larger than a record may be")
        if os.path.exists(os.path.join(store, "units", "research", "2027")):
            failures.append("19,000 objectives: a table was written")

        # The lock: a symbolic link elsewhere, a pipe.
        lock = os.path.join(store, ".isms-obj", "lock")
        outside = os.path.join(tmp, "outside")
        for kind in ("symlink", "fifo"):
            if os.path.lexists(lock):
                os.remove(lock)
            if kind == "symlink":
                os.symlink(outside, lock)
            else:
                os.mkfifo(lock)
            p = run(RECORD, timeout=20)
            expect(f"{kind} lock", p, 2, ".isms-obj/lock is")
            if os.path.exists(outside):
                failures.append(f"{kind} lock: wrote through the link")
            os.remove(lock)

        # A pipe as the input file: refused at once, not read forever.
        fifo = os.path.join(tmp, "pipe.csv")
        os.mkfifo(fifo)
        try:
            p = run(["record-quarter", "--year", "2026", "--quarter", "4", "--from", fifo], timeout=20)
            expect("--from a pipe", p, 2, "is not a regular file")
        except subprocess.TimeoutExpired:
            failures.append("--from a pipe: still waiting after 20 s")

        # In a record: validate names the character.
        result = os.path.join(store, "units", "lio", "2026", "results", "q3", "phishing-open-rate.yaml")
        with open(result, encoding="utf-8") as f:
            original = f.read()
        for name, ch in BAD.items():
            with open(result, "w", encoding="utf-8") as f:
                f.write(original + f"# a{ch}b\n")  # even in a comment
            p = run(["validate"])
            out = p.stdout.decode(errors="replace")
            if p.returncode != 1 or f"U+{ord(ch):04X}" not in out:
                failures.append(f"record with {name}: validate exit {p.returncode}:\n{out[-500:]}")
        with open(result, "w", encoding="utf-8") as f:
            f.write(original)

    for f in failures:
        print("FAIL", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
