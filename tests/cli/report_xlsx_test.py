#!/usr/bin/env python3
"""report --format xlsx, read back with openpyxl: the workbook has the
management-review summary, both forms laid out as printed (005-01 a page per
unit, 005-02 a page per objective with its chart) and both forms as data;
every cell of the data sheets equals the CSV export of the same form
(numbers as numbers); the summary sheet agrees with the JSON report; printed
by LibreOffice, every page carries its form code; the same store gives the
same bytes; without --output the command refuses (exit 2)."""
import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

from checks import check, failures, finish

try:
    import openpyxl
except ImportError:
    # CTest may run another Python than Debian's, which has python3-openpyxl.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != "/usr/bin/python3" \
            and not os.environ.get("ISMS_XLSX_REEXEC"):
        os.environ["ISMS_XLSX_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3", "-B"] + sys.argv)
    if os.environ.get("CI") == "true":
        print("FAIL: python3-openpyxl is not installed")
        sys.exit(1)
    print("python3-openpyxl not installed: skipped")
    sys.exit(77)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def as_text(v):
    """A cell read back, written the way the CSV writes it."""
    if v is None:
        return ""
    if isinstance(v, float):
        d = Decimal(repr(v)).normalize()
        return format(d, "f")
    if isinstance(v, int):
        return str(v)
    return v


TARGET = re.compile(r"^(≥|≤) (-?[0-9]+(?:\.[0-9]+)?)(%|件|天|小時|分鐘|分|h|min|d)?$")


def same(csv_cell, xlsx_value, number_format="General"):
    if isinstance(xlsx_value, (int, float)) and not isinstance(xlsx_value, bool):
        m = TARGET.match(csv_cell)
        if m:
            # A target is a number shown with its comparison and unit.
            return Decimal(m.group(2)) == Decimal(repr(xlsx_value)) and m.group(1) in number_format \
                and (m.group(3) or "") in number_format
        return Decimal(csv_cell) == Decimal(repr(xlsx_value))
    return csv_cell == as_text(xlsx_value)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="isms-obj-xlsx-")
    try:
        store = os.path.join(work, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store)
        base = [a.binary, "--store", store, "--today", "2026-11-24", "report", "--year", "2026", "--quarter", "3"]
        env = {**os.environ, "TZ": "Asia/Taipei"}

        def run(args):
            return subprocess.run(base + args, capture_output=True, env=env)

        out = os.path.join(work, "mr.xlsx")
        r = run(["--format", "xlsx", "--output", out])
        check(r.returncode == 0 and r.stdout == b"" and r.stderr.decode().endswith(f" {out}\n"), f"xlsx: {r}")
        check(sorted(os.listdir(work)) == ["mr.xlsx", "store"], f"left behind: {os.listdir(work)}")
        wb = openpyxl.load_workbook(out)
        check(wb.sheetnames == ["管理審查摘要", "ISMS-P-005-01 設定表", "ISMS-P-005-02 檢討表", "005-01 資料", "005-02 資料"],
              f"sheets {wb.sheetnames}")
        check(str(wb.properties.created) == "2026-01-01 00:00:00", f"created {wb.properties.created}")

        report = json.loads(run(["--format", "json"]).stdout)
        units = report["units"]
        objectives = sum(len(u["objectives"]) for u in units)
        # The forms as printed: 005-01 a page per unit, its heading naming the
        # unit; 005-02 a page per objective, each with a line chart.
        setting, review = wb.worksheets[1], wb.worksheets[2]
        headings = [c.value for c in setting["A"] if isinstance(c.value, str) and "目標執行單位：" in c.value]
        check([h.split("目標執行單位：")[1].split("　")[0] for h in headings] == [u["name"] for u in units],
              f"005-01 headings {headings}")
        check(len(setting.row_breaks.brk) == len(units) - 1, f"005-01: {len(setting.row_breaks.brk)} page breaks")
        check(len(review.row_breaks.brk) == objectives - 1 and len(review._charts) == objectives,
              f"005-02: {len(review.row_breaks.brk)} page breaks, {len(review._charts)} charts for {objectives} objectives")
        labels = [c.value for c in review["A"] if c.value in ("實績", "累計", "判定", "審核意見")]
        check(len(labels) == 4 * objectives, f"005-02 row labels {len(labels)}")
        check(setting.page_setup.orientation == "landscape" and 40 <= int(setting.page_setup.scale) <= 100,
              f"005-01 print: {setting.page_setup.orientation} at {setting.page_setup.scale}%")

        for sheet, form in ((wb.worksheets[3], "setting"), (wb.worksheets[4], "review")):
            text = run(["--form", form, "--format", "csv"]).stdout.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            check(sheet.cell(1, 1).value.startswith("開南大學 115年度"), f"{form}: title {sheet.cell(1, 1).value}")
            check(sheet.freeze_panes == "A3" and sheet.auto_filter.ref == f"A2:{sheet.cell(2, len(rows[0])).column_letter}"
                  f"{len(rows) + 1}", f"{form}: panes {sheet.freeze_panes}, filter {sheet.auto_filter.ref}")
            got = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
            formats = [[c.number_format for c in r] for r in sheet.iter_rows(min_row=2)]
            check(len(got) == len(rows) and len(rows) > 10, f"{form}: {len(got)} rows, CSV has {len(rows)}")
            for i, (want, have) in enumerate(zip(rows, got)):
                have = have + [None] * (len(want) - len(have))
                fmts = formats[i] + ["General"] * (len(want) - len(formats[i]))
                for j, (w, h) in enumerate(zip(want, have)):
                    if not same(w, h, fmts[j]):
                        failures.append(f"{form} row {i + 2} column {j + 1}: CSV {w!r}, xlsx {h!r}")
            numbers = [h for row in got[1:] for h in row if isinstance(h, (int, float))]
            check(len(numbers) > len(got), f"{form}: numbers written as text")

        summary = wb.worksheets[0]
        header = next(c.row for c in summary["A"] if c.value == "單位")
        rows = [list(r) for r in summary.iter_rows(min_row=header + 1, max_row=header + len(units) + 1,
                                                    values_only=True)]
        check(rows[-1][0] == "合計", f"summary: {len(rows)} rows for {len(units)} units end with {rows[-1]}")
        for unit, row in zip(report["units"], rows):
            c = unit["counts"]
            check(row[0] == unit["name"] and row[1] == len(unit["objectives"]) and
                  row[3:7] == [c["met"], c["not_met"], c["on_track"], c["no_data"]],
                  f"summary row {row} against {unit['name']} {c}")
            if unit["achievement"] is not None:
                check(abs(row[7] - unit["achievement"] / 100) < 1e-9 and
                      summary.cell(rows.index(row) + header + 1, 8).number_format == "0.0%", f"summary rate {row[7]}")
        total = rows[-1]
        t = report["totals"]
        check(total[3:7] == [t["met"], t["not_met"], t["on_track"], t["no_data"]], f"summary total {total} {t}")

        # Printed as LibreOffice prints it: every page carries its sheet's form
        # code and the classification in the page header.
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice and shutil.which("pdftotext"):
            profile = os.path.join(work, "lo-profile")
            # As a reader in Taiwan prints it: LibreOffice shapes Chinese with
            # the glyph forms of its locale's Asian language (Japanese forms
            # of 骨 and 角 under an English locale, whatever font is named).
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", work, out], capture_output=True, timeout=300,
                           env={**os.environ, "LANG": "zh_TW.UTF-8", "LC_ALL": "zh_TW.UTF-8"})
            pdf = os.path.join(work, "mr.pdf")
            check(os.path.exists(pdf), "LibreOffice wrote no PDF of the workbook")
            if os.path.exists(pdf):
                pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True,
                                                                          text=True).stdout, re.M).group(1))
                # The summary's page and its trend's, a page per unit's 005-01,
                # a page per objective's 005-02, then the data.
                check(pages >= 2 + len(units) + objectives + 2, f"xlsx printed on {pages} pages")
                for i in range(1, pages + 1):
                    text = subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                                          capture_output=True, text=True).stdout
                    check("ISMS-P-005" in text and "機密等級：內部使用" in text,
                          f"xlsx page {i} lacks the form code or the classification")
                    # A form's page holds the whole width of its table: no
                    # column printed on a page of its own.
                    flat = text.replace(" ", "")
                    if i == 1:
                        check("去年達成率" in flat, "the summary's page lacks its last column")
                    if "目標執行單位：" in flat and "負責部門" in flat:
                        check("檢討依據(資料來源)" in flat, f"005-01 page {i} lacks its last column")
                    if "目標執行單位：" in flat and "審核意見" in flat:
                        check("第四季" in flat, f"005-02 page {i} lacks its last quarter")
                print(f"xlsx printed by LibreOffice: {pages} pages, each with its form code")
                os.remove(pdf)
        elif os.environ.get("CI") == "true":
            failures.append("LibreOffice (libreoffice-calc-nogui) is required in CI to print the workbook")

        again = os.path.join(work, "again.xlsx")
        run(["--format", "xlsx", "--output", again])
        check(open(out, "rb").read() == open(again, "rb").read(), "two runs gave different bytes")

        en = os.path.join(work, "en.xlsx")
        run(["--format", "xlsx", "--lang", "en", "--output", en])
        check(openpyxl.load_workbook(en).sheetnames == ["Summary", "ISMS-P-005-01 Setting", "ISMS-P-005-02 Review",
                                                        "005-01 data", "005-02 data"], "English sheet names")

        r = run(["--format", "xlsx"])
        check(r.returncode == 2 and b"--output" in r.stderr and r.stdout == b"", f"xlsx to stdout: {r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
