#!/usr/bin/env python3
"""No command computes past a record it could not read. Every hostile input
(syntax, encoding, YAML features the records forbid, schema and value
errors, size and depth bounds) is put into every record kind of the example
store, replacing a file the commands read; then every command that shows or
computes from the records is run on that store:

  * `validate` reports the file (exit 1);
  * each reading command (report, status, review, history, retention-check)
    names the file on stderr, prints nothing on stdout and exits 1, rather
    than showing the record's quarter as "no data";
  * each writing command that computes from the records (record-quarter,
    review --record, review --confirm) refuses (exit 2), names the file and
    writes nothing.
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

# The file of each record kind that the commands below read (lio, 2026).
FILES = {
    "setting": "units/lio/2026/setting.yaml",
    "approval": "approvals/2026/lio/r2.yaml",
    "result": "units/lio/2026/results/q3/phishing-open-rate.yaml",
    "review": "reviews/2026/q3/lio.yaml",
    "referral": "referrals/2026/lio/vuln-patch-rate.yaml",
}


def replace_line(text, key, value):
    """`text` with the first line starting with `key:` set to `value`."""
    out, done = [], False
    for line in text.split("\n"):
        if not done and line.startswith(key + ":"):
            line, done = f"{key}: {value}", True
        out.append(line)
    assert done, key
    return "\n".join(out)


def drop_line(text, key):
    return "\n".join(line for line in text.split("\n") if not line.startswith(key + ":"))


# name → function of the original bytes giving the hostile bytes.
HOSTILE = {
    "syntax-error": lambda b: b + b"\nkey: [unclosed\n",
    "trailing-junk": lambda b: b + b"\n{a: 1} trailing\n",
    "second-document": lambda b: b + b"\n---\nkind: result\n",
    "comma-number": lambda b: replace_line(b.decode(), "year", "2026,5").encode(),
    "duplicate-key": lambda b: b + b"\nyear: 2026\n",
    "anchor-alias": lambda b: b + b"\nx_anchor: &a 1\nx_alias: *a\n",
    "merge-key": lambda b: b + b"\n<<: {a: 1}\n",
    "tag": lambda b: replace_line(b.decode(), "year", "!!str 2026").encode(),
    "unknown-field": lambda b: b + b"\nextra_field: 1\n",
    "missing-field": lambda b: drop_line(b.decode(), "year").encode(),
    "wrong-type": lambda b: replace_line(b.decode(), "year", "[2026]").encode(),
    "huge-number": lambda b: replace_line(b.decode(), "year", "99999999999999999999").encode(),
    "unterminated-quote": lambda b: b + b'\nnote: "abc\n',
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "invalid-utf8": lambda b: b + b"\n# \xff\xfe\n",
    "utf16": lambda b: b.decode().encode("utf-16"),
    "nul-byte": lambda b: b + b"\n\x00\n",
    "control-character": lambda b: b + b'\nnote: "\x07"\n',
    "deep-nesting": lambda b: b + b"\ndeep: " + b"[" * 40 + b"]" * 40 + b"\n",
    "too-large": lambda b: b + b"#" + b"x" * (1024 * 1024) + b"\n",
    "empty": lambda b: b"",
}

READERS = [
    ["report", "--year", "2026", "--unit", "lio"],
    ["status"],
    ["review", "--year", "2026", "--quarter", "3", "--unit", "lio"],
    ["history", "--year", "2026", "--unit", "lio"],
    ["retention-check"],
]
WRITERS = [
    ["record-quarter", "--year", "2026", "--quarter", "4", "--unit", "lio", "--objective", "phishing-open-rate",
     "--numerator", "1", "--denominator", "100", "--reporter", "chen.yl"],
    ["review", "--year", "2026", "--quarter", "4", "--unit", "lio", "--record", "--reviewer", "lee.ch",
     "--opinion", "符合目標"],
    ["review", "--year", "2026", "--quarter", "4", "--unit", "lio", "--confirm", "--by", "lin.mh"],
]


def snapshot(root):
    """Every file of the store but the git-ignored lock and caches."""
    out = {}
    for d, _, files in os.walk(root):
        if os.path.relpath(d, root).startswith(os.path.join(".isms-obj", "cache")):
            continue
        for f in files:
            if os.path.relpath(os.path.join(d, f), root) == os.path.join(".isms-obj", "lock"):
                continue
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    args = ap.parse_args()
    env = clean_env()
    env.update({"TZ": "UTC", "NO_COLOR": "1", "ISMS_OBJ_LANG": "en"})
    failures = []
    runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        # One copy of the store; each hostile file replaces the original and
        # is put back after its runs (the writers must not write anyway).
        store = os.path.join(tmp, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store)

        def run(argv):
            return subprocess.run([args.binary, "--today", TODAY, *argv], cwd=store, env=env,
                                  capture_output=True, timeout=60)

        for kind, rel in FILES.items():
            path = os.path.join(store, rel)
            with open(path, "rb") as f:
                original = f.read()
            for name, make in HOSTILE.items():
                with open(path, "wb") as f:
                    f.write(make(original))
                before = snapshot(store)
                where = f"{kind} {name}"
                v = run(["validate"])
                runs += 1
                if v.returncode != 1 or rel.encode() not in v.stdout:
                    failures.append(f"{where}: validate exit {v.returncode}, file not named:\n"
                                    f"{v.stdout.decode(errors='replace')[-600:]}")
                for argv in READERS if v.returncode == 1 else []:
                    p = run(argv)
                    runs += 1
                    if p.returncode != 1 or rel.encode() not in p.stderr or p.stdout:
                        failures.append(f"{where}: {' '.join(argv)} exit {p.returncode}, "
                                        f"stdout {len(p.stdout)} bytes, stderr:\n"
                                        f"{p.stderr.decode(errors='replace')[-600:]}")
                for argv in WRITERS if v.returncode == 1 else []:
                    p = run(argv)
                    runs += 1
                    if p.returncode != 2 or rel.encode() not in p.stderr:
                        failures.append(f"{where}: {' '.join(argv)} exit {p.returncode}, stderr:\n"
                                        f"{p.stderr.decode(errors='replace')[-600:]}")
                if snapshot(store) != before:
                    failures.append(f"{where}: a command wrote to the store")
                with open(path, "wb") as f:
                    f.write(original)
    for f in failures:
        print("FAIL", f)
    print(f"{runs} runs over {len(FILES)} record kinds x {len(HOSTILE)} hostile inputs: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
