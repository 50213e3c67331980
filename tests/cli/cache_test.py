#!/usr/bin/env python3
"""The record cache never changes an answer (docs/performance.md, "The
record cache"): every reading command gives, byte for byte, what it gives
with --no-cache, on a store with problems, when:

  * the cache is cold, then warm;
  * a record was edited keeping its size and its mtime;
  * a cache file is truncated, or garbage;
  * the cache was written by another build of isms-obj (another executable);
  * the messages' language differs from the one the cache was written in;
  * several processes load the store at once, each writing the cache;
  * a record of an earlier year, whose facts the report and status keep in
    the summary cache, is edited keeping its size and mtime, or removed;
and git never sees the cache, even in a store whose .gitignore does not
name it.
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time

from checks import clean_env

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TODAY = "2026-11-24"
COMMANDS = [
    ["status"],
    ["report", "--year", "2026"],
    ["report", "--year", "2026", "--form", "review", "--format", "json"],
    ["review", "--year", "2026", "--quarter", "3"],
    ["validate"],
    ["history", "--unit", "lio"],
]
failures = []


def run(binary, store, args, lang="en"):
    p = subprocess.run([binary, "--store", store, "--today", TODAY, "--lang", lang, *args],
                       capture_output=True, text=True, env=clean_env())
    return (p.returncode, p.stdout, p.stderr)


def check(what, got, expected):
    if got != expected:
        failures.append(what)
        print(f"FAIL: {what}\n  expected {expected!r:.300}\n  got      {got!r:.300}")


def age(store):
    """Files written just now are too recent for their stamps to be trusted
    (the racy rule): make them an hour old, as a checkout would be."""
    for d, dirs, files in os.walk(store):
        dirs[:] = [x for x in dirs if x not in (".isms-obj", ".git")]
        for f in files:
            p = os.path.join(d, f)
            st = os.stat(p)
            os.utime(p, ns=(st.st_atime_ns - 3600 * 10**9, st.st_mtime_ns - 3600 * 10**9))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    root = tempfile.mkdtemp(prefix="isms-obj-cache-")
    try:
        store = os.path.join(root, "store")
        shutil.copytree(os.path.join(REPO, "examples", "university"), store,
                        ignore=shutil.ignore_patterns("cache", "lock"))
        # Problems the loader itself reports, so that the cache holds diagnostics.
        bad = os.path.join(store, "units", "lio", "2026", "results", "q2", "nothing.yaml")
        with open(bad, "w") as f:
            f.write("kind: result\nyear: 2026\nquarter: 2\nunit: lio\nobjective: nothing\nactual: yes\n")
        age(store)
        cache = os.path.join(store, ".isms-obj", "cache", "records")

        def expected(lang="en"):
            return {tuple(c): run(a.binary, store, ["--no-cache", *c], lang) for c in COMMANDS}

        def compare(what, lang="en", binary=None):
            want = expected(lang)
            for c in COMMANDS:
                check(f"{what}: {' '.join(c)}", run(binary or a.binary, store, c, lang), want[tuple(c)])

        shutil.rmtree(cache, ignore_errors=True)
        compare("cold")
        if not os.path.exists(os.path.join(cache, "2026", "lio")):
            failures.append("no cache file was written")
        compare("warm")

        # Same size and mtime, other bytes: the ctime (and the content) tell.
        result = os.path.join(store, "units", "lio", "2026", "results", "q1", "vuln-patch-rate.yaml")
        text = open(result, encoding="utf-8").read()
        st = os.stat(result)
        edited = text.replace("reported_by: ", "reported_by:  ").replace("kind: result", "kind: resul")
        assert len(edited.encode()) == len(text.encode())
        with open(result, "w", encoding="utf-8") as f:
            f.write(edited)
        os.utime(result, ns=(st.st_atime_ns, st.st_mtime_ns))
        if os.stat(result).st_size != st.st_size or os.stat(result).st_mtime_ns != st.st_mtime_ns:
            failures.append("the edit did not keep size and mtime")
        compare("edited, same size and mtime")
        if "vuln-patch-rate.yaml" not in run(a.binary, store, ["validate"])[1]:
            failures.append("the edited file's problem is not reported")
        with open(result, "w", encoding="utf-8") as f:
            f.write(text)
        age(store)
        compare("restored")

        lio = os.path.join(cache, "2026", "lio")
        whole = open(lio, "rb").read()
        with open(lio, "wb") as f:
            f.write(whole[: len(whole) // 2])
        compare("truncated cache file")
        with open(lio, "wb") as f:
            f.write(b"\xff" * 4096)
        compare("garbage cache file")

        # Another build: a copy of the executable is another tool.
        other = os.path.join(root, "isms-obj-other")
        shutil.copy2(a.binary, other)
        locale = os.path.join(os.path.dirname(os.path.dirname(a.binary)), "share")
        if os.path.isdir(locale):
            os.symlink(locale, os.path.join(root, "share"), target_is_directory=True)
        compare("another build's cache", binary=other)
        compare("back to this build's")

        # Messages in the other language: a file with diagnostics is built again.
        compare("other language", lang="zh-TW")
        compare("first language again")

        # The report keeps each earlier year's facts in the summary cache,
        # once its files are older than the racy margin (2 s). Without the
        # broken file, so that the report shows what the edit changes.
        broken = open(bad, encoding="utf-8").read()
        os.remove(bad)
        time.sleep(2.5)
        compare("summaries kept")
        summaries = os.path.join(store, ".isms-obj", "cache", "summaries", "report")
        if sorted(os.listdir(summaries)) != ["2022", "2023", "2024", "2025"]:
            failures.append(f"summaries: {sorted(os.listdir(summaries))}")
        if os.listdir(summaries.replace("report", "status")) != ["2025"]:
            failures.append("status kept no summary of last year's quarters")
        compare("summaries read")
        last_year = os.path.join(store, "units", "lio", "2025", "results", "q4", "vuln-patch-rate.yaml")
        text = open(last_year, encoding="utf-8").read()
        st = os.stat(last_year)
        unedited = run(a.binary, store, ["--no-cache", "report", "--year", "2026"])
        with open(last_year, "w", encoding="utf-8") as f:
            f.write(text.replace("numerator: 39", "numerator: 19"))
        os.utime(last_year, ns=(st.st_atime_ns, st.st_mtime_ns))
        compare("last year edited, same size and mtime")
        time.sleep(2.5)  # the edit is old enough for its stamp to be trusted: the fingerprint decides
        compare("last year edited, later")
        if run(a.binary, store, ["report", "--year", "2026"]) == unedited:
            failures.append("the edit of last year's result does not show in the report")
        # A review of last year removed: status owes it again.
        review = os.path.join(store, "reviews", "2025", "q4", "lio.yaml")
        kept_review = open(review, encoding="utf-8").read()
        unremoved = run(a.binary, store, ["status"])
        os.remove(review)
        compare("last year's review removed")
        if run(a.binary, store, ["status"]) == unremoved:
            failures.append("the removed review of last year does not show in status")
        with open(review, "w", encoding="utf-8") as f:
            f.write(kept_review)
        with open(last_year, "w", encoding="utf-8") as f:
            f.write(text)
        with open(bad, "w", encoding="utf-8") as f:
            f.write(broken)
        age(store)
        compare("last year restored")

        # Processes loading at once, each writing the cache.
        for round_ in range(3):
            shutil.rmtree(cache, ignore_errors=True)
            want = run(a.binary, store, ["--no-cache", "report", "--year", "2026"])
            with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
                got = list(pool.map(lambda _: run(a.binary, store, ["report", "--year", "2026"]), range(4)))
            for g in got:
                check(f"concurrent round {round_}", g, want)
            check(f"after concurrent round {round_}", run(a.binary, store, ["report", "--year", "2026"]), want)
        # A store whose own .gitignore does not name the caches: git still
        # leaves them out (the cache directory ignores itself).
        if shutil.which("git"):
            bare = os.path.join(root, "bare")
            shutil.copytree(os.path.join(REPO, "examples", "university"), bare,
                            ignore=shutil.ignore_patterns("cache", "lock", ".gitignore"))
            subprocess.run(["git", "init", "-q", bare], check=True)
            run(a.binary, bare, ["status"])
            if not os.path.exists(os.path.join(bare, ".isms-obj", "cache", "records", "config")):
                failures.append("status wrote no record cache")
            untracked = subprocess.run(["git", "-C", bare, "status", "--porcelain", "--untracked-files=all"],
                                       capture_output=True, text=True).stdout
            if ".isms-obj/cache" in untracked:
                failures.append(f"git sees the cache: {untracked}")
        leftovers = [n for d, _, fs in os.walk(cache) for n in fs if ".tmp-" in n]
        if leftovers:
            failures.append(f"temporary files left: {leftovers}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures: {failures}")
        sys.exit(1)
    print("record cache: every answer equals --no-cache's")


if __name__ == "__main__":
    main()
