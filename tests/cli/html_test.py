#!/usr/bin/env python3
"""Prints the HTML reports of the example store to PDF in headless Chromium
and checks what a reader would get: one A4 page per form as designed, and
Chinese text set in a real CJK font (no missing-glyph boxes).

Exit 77 (CTest: skipped) when Chromium is not installed outside CI; in CI
(CI=true) a missing Chromium is a failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import missing_tools

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, **kw)


def long_table(binary, store):
    """Gives 圖書資訊處 a fourth revision of 2026 with 28 objectives (its seven,
    four times over), approved after Q3 so it is in force for Q4: a 005-01
    table longer than one landscape page."""
    path = os.path.join(store, "units", "lio", "2026", "setting.yaml")
    text = open(path, encoding="utf-8").read()
    head, objectives = text.split("objectives:\n", 1)
    blocks = ["  - id:" + b for b in objectives.split("  - id:")[1:]]
    more = []
    for n in range(2, 5):
        for b in blocks:
            ident = b.split("\n", 1)[0].split("id:", 1)[1].strip()
            more.append(b.replace(f"id: {ident}", f"id: {ident}-{n}", 1).rstrip("\n") + "\n\n")
    head = re.sub(r"^revision: \d+", "revision: 4", head, flags=re.M)
    head = re.sub(r"^status: \w+", "status: submitted", head, flags=re.M)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "objectives:\n" + "".join(b.rstrip("\n") + "\n\n" for b in blocks) + "".join(more))
    p = run([binary, "--store", store, "--today", "2026-10-02", "approve", "--year", "2026", "--unit", "lio",
             "--by", "lee.ch", "--comment", "同意。"])
    if p.returncode != 0:
        raise SystemExit(f"could not approve the long table: {p.stdout}{p.stderr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--keep", help="directory to keep the PDFs and PNGs of the first pages in")
    a = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if (rc := missing_tools([os.path.basename(chromium or "chromium"), "pdfinfo"],
                            "chromium and poppler-utils are")) is not None:
        return rc
    work = tempfile.mkdtemp(prefix="isms-obj-html-")
    failures = []
    try:
        # A copy: reading commands keep caches in the store, never in the source tree.
        store = os.path.join(work, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store)
        long_store = os.path.join(work, "long-store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), long_store)
        long_table(a.binary, long_store)
        # (name, form, store, quarter, pages): one page per unit's 005-01 table
        # unless it is too long for one, one per 005-02 objective.
        # The summary: the overview, the trend over the years, one per unit.
        variants = [("summary", "summary", store, "3", 1 + 1 + 8), ("setting", "setting", store, "3", 8),
                    ("review", "review", store, "3", 28), ("setting-long", "setting", long_store, "4", 8 + 3)]
        codes = {"summary": "ISMS-P-005", "setting": "ISMS-P-005-01", "review": "ISMS-P-005-02"}
        for name, form, where, quarter, pages in variants:
            html = os.path.join(work, f"{name}.html")
            pdf = os.path.join(work, f"{name}.pdf")
            p = run([a.binary, "--store", where, "--today", "2026-12-30", "report", "--year", "2026", "--quarter", quarter,
                     "--form", form, "--format", "html", "--output", html])
            if p.returncode != 0:
                failures.append(f"{form}: report exited {p.returncode}: {p.stderr}")
                continue
            profile = os.path.join(work, f"profile-{name}")
            p = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                     "file://" + html])
            if not os.path.exists(pdf):
                failures.append(f"{form}: chromium wrote no PDF: {p.stderr[-500:]}")
                continue
            info = run(["pdfinfo", pdf]).stdout
            got = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            sections = open(html, encoding="utf-8").read().count('<section class="page">')
            if got != pages or sections != pages:
                failures.append(f"{name}: {got} printed pages for {sections} page sections, expected {pages}")
            # Every printed page carries the form's code and classification
            # and, on 005-01, its header rows and its own 頁次.
            for i in range(1, got + 1):
                page_text = run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"]).stdout
                wanted = [codes[form], "機密等級：內部使用"] + (["目標(量測)項目", "負責人員", "頁次"] if form == "setting" else [])
                missing = [w for w in wanted if w not in page_text.replace(" ", "")]
                if missing:
                    failures.append(f"{name}: page {i} lacks {missing}")
            size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
            w, h = float(size.group(1)), float(size.group(2))
            a4 = sorted((w, h)) == sorted((595.0, 842.0)) or (abs(min(w, h) - 595) < 2 and abs(max(w, h) - 842) < 2)
            if not a4:
                failures.append(f"{form}: page size {w} x {h} is not A4")
            if (form == "setting") != (w > h):
                failures.append(f"{form}: orientation {'landscape' if w > h else 'portrait'} not as designed")
            # Chromium embeds OpenType-CFF fonts as unnamed Type 3 fonts, so the
            # font is checked where Chromium picks it: fontconfig must resolve the
            # stylesheet's first family to Noto CJK, which covers 資.
            family = run(["fc-match", "-f", "%{family}", "Noto Sans CJK TC"]).stdout
            covering = run(["fc-list", ":charset=8cc7", "family"]).stdout
            if "Noto Sans CJK" not in family or not covering.strip():
                failures.append(f"{form}: no CJK font for the report (fc-match gave '{family}')")
            text = run(["pdftotext", "-layout", pdf, "-"]).stdout
            title = {"summary": "資通安全目標管理審查報告", "setting": "資 通 安 全 目 標 設 定 表",
                     "review": "資 通 安 全 目 標 檢 討 表"}[form]
            if title.replace(" ", "") not in text.replace(" ", ""):
                failures.append(f"{form}: the Chinese title is not in the PDF's text (missing glyphs?)")
            if form == "summary":
                # The trend page names the years the store holds and the
                # overview's chart compares this year with last year's.
                flat = text.replace(" ", "")
                for want in ("歷年達成率", "113年度", "114年度", "115年度（至第3季）", "各單位達成率：本年度與去年"):
                    if want not in flat:
                        failures.append(f"summary: '{want}' is not in the printed report")
            if "\ufffd" in text or "□" in text:
                failures.append(f"{form}: replacement or box characters in the PDF's text")
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                shutil.copy(pdf, a.keep)
                run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", pdf, os.path.join(a.keep, name)])
            print(f"{name}: {got} A4 pages, each with {codes[form]}, Chinese set in {family.split(',')[0]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
