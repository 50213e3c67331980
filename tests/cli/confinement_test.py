#!/usr/bin/env python3
"""Proves under strace that isms-obj opens, creates, renames and removes
nothing outside the store (docs/reliability.md).

The store is the minimal test store plus hostile links: a unit directory
and a result file that are symbolic links to a directory outside the store,
and a link to a file there. Every command is run under `strace -f -y`; for
the isms-obj process itself (not the git it may start) every path it
touches must be inside the store, or a read of the system (/usr, /lib,
/etc, /proc, /sys, /dev), or the input or output file the command line
names. The outside directory must never be opened at all. The xlsx report
goes through a private directory of its own under TMPDIR (libxlsxwriter
writes only to a named file); that directory is allowed, and nothing may be
written next to the output: a link there named like the old scratch file
(OUTPUT.partial.xlsx) pointing outside, and a file of that name, stay as
they are.

Usage: confinement_test.py --binary PATH
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SYSTEM = ["/usr/", "/lib/", "/lib64/", "/etc/", "/proc/", "/sys/", "/dev/"]
CALLS = "execve,open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,unlink,unlinkat,symlink,symlinkat,truncate"
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC")
LINE = re.compile(r'^(\d+) (\w+)\((.*)\) = (-?\d+)')
DIRFD = re.compile(r'(?:AT_FDCWD|\d+)<([^>]*)>, "((?:[^"\\]|\\.)*)"')
PLAIN = re.compile(r'^"((?:[^"\\]|\\.)*)"')


def touched(call, args):
    """(path, writes) pairs a syscall line names, resolved against dirfds."""
    out = []
    if call == "execve":
        return out
    writes = call not in ("open", "openat") or any(f in args for f in WRITE_FLAGS)
    for m in DIRFD.finditer(args):
        base, rel = m.group(1), m.group(2)
        out.append((os.path.normpath(rel if rel.startswith("/") else os.path.join(base, rel)), writes))
    if not out:
        m = PLAIN.match(args)
        if m:
            out.append((os.path.normpath(m.group(1)), writes))
    return out


def run_traced(binary, store, args, log, scratch):
    cmd = ["strace", "-qq", "-f", "-y", "-s", "4096", "-e", f"trace={CALLS}", "-o", log, binary, *args]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISMS_OBJ_")}
    env.update({"TZ": "UTC", "LC_ALL": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                "TMPDIR": scratch})
    # LeakSanitizer cannot run under ptrace; leaks are checked by every other test.
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
    return subprocess.run(cmd, cwd=store, env=env, capture_output=True, text=True, timeout=120)


def named_output(path, named):
    """The file the command line named, or the temporary file it is written through."""
    if path in named or any(path == os.path.dirname(n) for n in named):  # its folder, opened to write into
        return True
    folder, name = os.path.split(path)
    return any(os.path.dirname(n) == folder and name.startswith(f".{os.path.basename(n)}.tmp-") for n in named)


def check(log, binary, store, outside, named, scratch):
    main_pid = None
    foreign = set()
    problems = []
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            pid, call, args = m.group(1), m.group(2), m.group(3)
            if call == "execve":
                if main_pid is None:
                    main_pid = pid
                elif not args.startswith(f'"{binary}"'):
                    foreign.add(pid)  # git or another program isms-obj started
                continue
            if pid in foreign:
                continue
            for path, writes in touched(call, args):
                inside = path == store or path.startswith(store + "/")
                if re.match(re.escape(scratch) + r"/isms-obj-[A-Za-z0-9]{6}(/|$)", path):
                    continue  # the xlsx writer's private directory
                if path == outside or path.startswith(outside + "/"):
                    problems.append(f"touched the outside directory: {line.strip()}")
                elif writes and not inside and not named_output(path, named) and path != "/dev/null":
                    problems.append(f"wrote outside the store: {line.strip()}")
                elif not inside and not named_output(path, named) and not path.startswith(tuple(SYSTEM)):
                    problems.append(f"read outside the store: {line.strip()}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    if not shutil.which("strace"):
        print("strace is not installed: skipped")
        return 77
    binary = os.path.realpath(a.binary)
    # The program's own message catalogs (<executable>/../share/locale), as
    # installed under /usr/share/locale.
    SYSTEM.append(os.path.join(os.path.dirname(os.path.dirname(binary)), "share", "locale") + "/")
    root = os.path.realpath(tempfile.mkdtemp(prefix="isms-obj-confine-"))
    try:
        store = os.path.join(root, "store")
        outside = os.path.join(root, "outside")
        shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), store)
        os.makedirs(os.path.join(outside, "2027"))
        with open(os.path.join(outside, "2027", "setting.yaml"), "w") as f:
            f.write("kind: setting\n")
        with open(os.path.join(outside, "secret.yaml"), "w") as f:
            f.write("kind: result\n")
        shutil.rmtree(os.path.join(store, "units", "acad"))
        os.symlink(outside, os.path.join(store, "units", "acad"))
        os.symlink(os.path.join(outside, "secret.yaml"), os.path.join(store, "units", "cc", "2026", "results", "q1",
                                                                      "stolen.yaml"))
        inputs = os.path.join(root, "inputs")
        os.makedirs(inputs)
        csv = os.path.join(inputs, "results.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("objective,actual\nincidents,1\n")
        html = os.path.join(inputs, "report.html")
        xlsx = os.path.join(inputs, "report.xlsx")
        # Where the workbook was once written first: a link to a file
        # outside, and (for the second run) a file of the same name.
        os.symlink(os.path.join(outside, "secret.yaml"), xlsx + ".partial.xlsx")
        kept = os.path.join(inputs, "other.xlsx.partial.xlsx")
        with open(kept, "w") as f:
            f.write("someone's file\n")
        xlsx2 = os.path.join(inputs, "other.xlsx")
        scratch = os.path.join(root, "tmp")
        os.makedirs(scratch)
        set_args = ["--compiled-by", "cc.staff", "--supervisor", "cc.head", "--item", "測試", "--comparison", "<=",
                    "--target", "1", "--measure-unit", "count", "--precision", "0", "--aggregation", "sum",
                    "--department", "acad", "--owner", "acad.staff", "--method", "件數", "--data-source", "紀錄"]
        commands = [
            ["--today", "2026-11-24", "validate"],
            ["--today", "2026-11-24", "status"],
            ["--today", "2026-07-08", "record-quarter", "--year", "2026", "--quarter", "2", "--unit", "cc",
             "--reporter", "cc.staff", "--from", csv],
            ["--today", "2026-11-24", "set", "--year", "2027", "--unit", "acad", "--objective", "x1", *set_args],
            ["--today", "2026-11-24", "set", "--year", "2027", "--unit", "cc", "--objective", "x1", *set_args],
            ["--today", "2026-11-24", "review", "--year", "2026", "--quarter", "1"],
            ["--today", "2026-11-24", "report", "--year", "2026", "--format", "html", "--output", html],
            ["--today", "2026-11-24", "retention-check"],
            ["--today", "2026-11-24", "report", "--year", "2026", "--format", "xlsx", "--output", xlsx],
            ["--today", "2026-11-24", "report", "--year", "2026", "--format", "xlsx", "--output", xlsx2],
        ]
        failures = []
        for args in commands:
            log = os.path.join(root, "strace.log")
            p = run_traced(binary, store, ["--store", store, *args], log, scratch)
            problems = check(log, binary, store, outside, {csv, html, xlsx, xlsx2}, scratch)
            shown = " ".join(args[2:])
            if p.returncode not in (0, 1, 2):
                problems.append(f"exit {p.returncode}: {p.stderr.strip()}")
            if problems:
                failures.append(f"{shown}:\n  " + "\n  ".join(problems[:10]))
            else:
                print(f"ok (exit {p.returncode}): isms-obj {shown}")
        with open(os.path.join(outside, "secret.yaml")) as f:
            if f.read() != "kind: result\n":
                failures.append("the file outside, linked as OUTPUT.partial.xlsx, was changed")
        with open(kept) as f:
            if f.read() != "someone's file\n":
                failures.append("a file named OUTPUT.partial.xlsx was changed or removed")
        for w in (xlsx, xlsx2):
            with open(w, "rb") as f:
                if not f.read(2) == b"PK":
                    failures.append(f"{w} is not a workbook")
        if os.listdir(scratch):
            failures.append(f"the xlsx scratch directory stayed: {os.listdir(scratch)}")
        with open(os.path.join(outside, "2027", "setting.yaml")) as f:
            if f.read() != "kind: setting\n":
                failures.append("the file outside the store was changed")
        if sorted(os.listdir(outside)) != ["2027", "secret.yaml"] or os.listdir(os.path.join(outside, "2027")) != ["setting.yaml"]:
            failures.append(f"files appeared outside the store: {os.listdir(outside)}")
        if failures:
            print("FAIL\n" + "\n".join(failures))
            return 1
        print(f"{len(commands)} commands: nothing outside the store was read or written")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
