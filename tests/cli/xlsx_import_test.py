#!/usr/bin/env python3
"""Imports from .xlsx workbooks as Excel writes them: results from a sheet
chosen by its header row, with shared strings, an inline string, a date
cell (a serial number under a date format), a percent cell (0.999 under
0.0%), a number Excel stores with binary noise (99.900000000000006); and
objectives from a workbook into set. The workbooks are built here, part
by part, with the standard library's zipfile, as Excel lays them out."""
import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

from checks import check, clean_env, finish, run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def column(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def workbook(path, sheets):
    """sheets: [(name, rows)]; a cell is a str (shared string), ('inline',
    text), ('date', serial), ('pct', value), or a number."""
    strings = []
    def shared(s):
        if s not in strings:
            strings.append(s)
        return strings.index(s)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        listed = "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{listed}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(len(sheets)))
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        # Styles: 0 general, 1 a custom date format, 2 built-in 0.00% (10).
        z.writestr("xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
                                    f'formatCode="[$-404]e/m/d;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
                                    f'<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/>'
                                    f'</cellXfs></styleSheet>')
        for i, (_, rows) in enumerate(sheets):
            xml_rows = []
            for r, cells in enumerate(rows, start=1):
                xml_cells = []
                for c, v in enumerate(cells):
                    ref = f"{column(c)}{r}"
                    if v is None or v == "":
                        continue
                    if isinstance(v, tuple) and v[0] == "inline":
                        xml_cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v[1])}</t></is></c>')
                    elif isinstance(v, tuple) and v[0] == "date":
                        xml_cells.append(f'<c r="{ref}" s="1"><v>{v[1]}</v></c>')
                    elif isinstance(v, tuple) and v[0] == "pct":
                        xml_cells.append(f'<c r="{ref}" s="2"><v>{v[1]}</v></c>')
                    elif isinstance(v, str):
                        xml_cells.append(f'<c r="{ref}" t="s"><v>{shared(v)}</v></c>')
                    else:
                        xml_cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                xml_rows.append(f'<row r="{r}">{"".join(xml_cells)}</row>')
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml",
                       f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(xml_rows)}</sheetData></worksheet>')
        sis = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}" count="{len(strings)}">{sis}</sst>')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="isms-xlsx-")
    try:
        store = os.path.join(work, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store)
        env = clean_env()

        def isms(*args, today="2027-01-10"):
            return run([a.binary, "--store", store, "--today", today, *args], env=env, cwd=work)

        # A cover sheet first; the results sheet is found by its header row.
        results = os.path.join(work, "q4.xlsx")
        workbook(results, [
            ("說明", [["本活頁簿為圖書資訊處第4季實績"]]),
            ("實績", [
                ["No", "年度", "季別", "目標執行單位", "目標項目", "實績", "分子", "分母", "差異說明", "報告人", "日期"],
                [1, "115年度", "第四季", "圖書資訊處", "core-availability", 99.900000000000006, None, None, None, "陳怡伶",
                 ("date", 46392)],
                [2, 2026, 4, "lio", "vuln-patch-rate", None, 1030, 1100, None, ("inline", "chen.yl"), ("date", 46392)],
                [3, 2026, 4, "lio", "training-completion", ("pct", 0.967), None, None, None, "chen.yl", "116/01/05"],
            ]),
        ])
        r = isms("record-quarter", "--from", results)
        check(r.returncode == 0 and "3 recorded" in r.stdout, f"xlsx results: {r.returncode} {r.stdout} {r.stderr}")
        core = os.path.join(store, "units/lio/2026/results/q4/core-availability.yaml")
        text = open(core, encoding="utf-8").read() if os.path.exists(core) else ""
        check("actual: 99.9\n" in text and 'reported: "2027-01-05"' in text and "reported_by: chen.yl" in text,
              f"a number with binary noise, a date serial, a reporter by name: {text}")
        training = os.path.join(store, "units/lio/2026/results/q4/training-completion.yaml")
        text = open(training, encoding="utf-8").read() if os.path.exists(training) else ""
        check("actual: 96.7\n" in text, f"a percent-formatted cell is its percentage: {text}")
        patch = os.path.join(store, "units/lio/2026/results/q4/vuln-patch-rate.yaml")
        text = open(patch, encoding="utf-8").read() if os.path.exists(patch) else ""
        check("numerator: 1030\n" in text and "denominator: 1100\n" in text, f"numbers and an inline string: {text}")

        # The same again changes nothing (a cron import re-run).
        r = isms("record-quarter", "--from", results)
        check(r.returncode == 0 and "3 unchanged" in r.stdout, f"xlsx re-run: {r.stdout} {r.stderr}")

        # --sheet names a sheet that has no table: refused, listing the sheets.
        r = isms("record-quarter", "--from", results, "--sheet", "說明")
        check(r.returncode == 2 and "is not a field of results" in r.stderr, f"--sheet of a cover sheet: {r.stderr}")
        r = isms("record-quarter", "--from", results, "--sheet", "nothing")
        check(r.returncode == 2 and "no sheet 'nothing' (sheets: 說明, 實績)" in r.stderr, f"--sheet unknown: {r.stderr}")

        # Not a workbook at all: a clear refusal, nothing written.
        fake = os.path.join(work, "fake.xlsx")
        open(fake, "w").write("年度,季別\n")
        r = isms("record-quarter", "--from", fake)
        check(r.returncode == 2 and "not a readable xlsx workbook" in r.stderr and "[xlsx.malformed]" in r.stderr,
              f"not a zip: {r.stderr}")

        # Objectives from a workbook into set, with the form's headings.
        objectives = os.path.join(work, "objectives.xlsx")
        workbook(objectives, [("005-01", [
            ["代號", "目標(量測)項目", "目標值", "單位", "小數位數", "累計方式", "負責部門", "負責人員", "量測方式/計算公式",
             "檢討依據(資料來源)", "去年實績"],
            ["restore", "備份還原演練成功率", "≥ 100%", "percent", 0, "last", "圖書資訊處", "陳怡伶", "成功次數 ÷ 演練次數",
             "演練紀錄", ("pct", 1)],
        ])])
        r = isms("set", "--year", "2028", "--unit", "lio", "--compiled-by", "chen.yl", "--supervisor", "lin.mh",
                 "--from", objectives, today="2027-12-02")
        table = os.path.join(store, "units/lio/2028/setting.yaml")
        text = open(table, encoding="utf-8").read() if os.path.exists(table) else ""
        check(r.returncode == 0 and "  - id: restore\n" in text and 'comparison: ">="' in text and "target: 100\n" in text
              and "owner: chen.yl\n" in text and "department: lio\n" in text and "last_year_actual: 100\n" in text,
              f"set from xlsx: {r.returncode} {r.stderr} {text}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
