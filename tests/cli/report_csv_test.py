#!/usr/bin/env python3
"""Reads the CSV reports of the example store back with Python's csv module,
as a spreadsheet would: UTF-8 with a byte-order mark (so Excel picks UTF-8
for Traditional Chinese), CRLF rows, every row as wide as the header, one
row per objective and quarter."""
import argparse
import csv
import io
import subprocess
import tempfile
import shutil
import sys
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    failures = []
    # A copy: reading commands keep caches in the store, never in the source tree.
    work = tempfile.mkdtemp(prefix="isms-obj-csv-")
    store = os.path.join(work, "store")
    shutil.copytree(os.path.join(REPO, "examples", "university"), store)
    # The summary is the overview: eight units and the total; the forms a row
    # per objective (005-01) or per objective and quarter (005-02).
    for form, rows_expected, first, text in (("summary", 8 + 1, "單位", "圖書資訊處"), ("review", 28 * 3, "年度", "資安"),
                                              ("setting", 28, "年度", "資安")):
        data = subprocess.run([a.binary, "--store", store, "report", "--year", "2026", "--quarter", "3", "--form", form,
                               "--format", "csv"], capture_output=True, check=True).stdout
        if not data.startswith(b"\xef\xbb\xbf"):
            failures.append(f"{form}: no UTF-8 byte-order mark")
        lines = data.split(b"\r\n")
        if len(lines) < 2 or lines[-1] != b"":
            failures.append(f"{form}: rows do not end in CRLF")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        header, body = rows[0], rows[1:]
        if len(body) != rows_expected:
            failures.append(f"{form}: {len(body)} rows, expected {rows_expected}")
        ragged = [i for i, r in enumerate(body, 2) if len(r) != len(header)]
        if ragged:
            failures.append(f"{form}: rows {ragged[:5]} are not as wide as the header")
        if header[0] != first or (form != "summary" and "目標值" not in header):
            failures.append(f"{form}: unexpected header {header[:4]}")
        if not any(text in cell for r in body for cell in r):
            failures.append(f"{form}: no Traditional Chinese text read back")
        print(f"{form}: {len(body)} rows × {len(header)} columns read back")
    for f in failures:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
