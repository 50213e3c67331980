#!/usr/bin/env python3
"""Writes the fuzz harnesses' seed corpus (tests/fuzz/corpus) from the
example store, the minimal test store, the bad-file corpus and the files the
CLI regression cases write. Run it again when those change; the corpus is
kept in the repository so a fuzz run starts from known-interesting inputs.

  yaml/    record file bytes
  record/  "<store path>\\n<record file bytes>"
  csv/     the CSV inputs of the regression cases and of the docs' examples
"""
import hashlib
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "corpus"
MAX = 8192  # libFuzzer's -max_len in tests/fuzz/run.sh


def example_files():
    ex = ROOT / "examples" / "university"
    picks = ["isms-obj.yaml"]
    for pattern in ("units/lio/2026/**/*.yaml", "units/student/2025/**/*.yaml", "approvals/2026/lio/*.yaml",
                    "reviews/2026/q1/*.yaml", "referrals/**/*.yaml", "units/lio/2027/*.yaml"):
        picks += sorted(str(p.relative_to(ex)) for p in ex.glob(pattern))
    for rel in picks:
        yield rel, (ex / rel).read_bytes()
    mini = ROOT / "tests" / "stores" / "minimal"
    for p in sorted(mini.rglob("*.yaml")):
        yield str(p.relative_to(mini)), p.read_bytes()


def case_files():
    """(path, bytes) of every `== file` block in the CLI cases."""
    for case in sorted((ROOT / "tests" / "cli" / "cases").glob("*.case")):
        lines = case.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            m = re.match(r"^== file (\S+)$", lines[i])
            i += 1
            if not m:
                continue
            body = []
            while i < len(lines) and not lines[i].startswith("== "):
                body.append(lines[i])
                i += 1
            yield m.group(1), ("\n".join(body) + "\n").encode("utf-8")


def write(kind, data):
    if len(data) > MAX:
        return
    d = OUT / kind
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for rel, data in list(example_files()) + list(case_files()):
        if rel.endswith(".csv"):
            write("csv", data)
        elif rel.endswith(".yaml"):
            write("yaml", data)
            write("record", rel.encode("utf-8") + b"\n" + data)
    for p in sorted((ROOT / "tests" / "corpus").iterdir()):
        data = p.read_bytes()[:MAX]
        write("yaml", data)
        write("record", b"units/cc/2026/results/q2/patch-rate.yaml\n" + data)
    for kind in ("yaml", "record", "csv"):
        print(kind, len(list((OUT / kind).iterdir())))


if __name__ == "__main__":
    main()
