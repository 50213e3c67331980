#!/usr/bin/env python3
"""System tests of the write path that single cases cannot express.

concurrency: N record-quarter processes started together on different
    objectives of one store; every result must be on record afterwards and
    the store must validate.
mixed: 16 writers of every kind at once on one store: 8 record-quarter, 4
    set adding objectives to one table, 2 approve of one table, 2 review
    --record of one quarter; nothing is lost, nothing is written twice.
crash: every writing command is made to exit abruptly at every step of the
    atomic write (ISMS_OBJ_FAULT); afterwards every record file is either
    its old or its new content, byte for byte, the store validates, and
    running the command again completes the job.
lock: a writer that cannot get the store lock within --lock-timeout names
    the holder and writes nothing; a writer killed while holding the lock
    leaves it to the kernel (never wedged, never stolen from a live
    holder), and the next writer reports the killed one as the previous
    writer that did not finish.

Usage: stress.py --binary PATH {concurrency,mixed,crash,lock} [--runs N]
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OBJECTIVES = 8


def env():
    e = {k: v for k, v in os.environ.items() if not k.startswith("ISMS_OBJ_") or k == "ISMS_OBJ_LANG"}
    e.update({"TZ": "UTC", "NO_COLOR": "1", "LC_ALL": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
              "GIT_CONFIG_GLOBAL": os.devnull})
    return e


def run(binary, store, *args, fault=None, check=True):
    e = env()
    if fault:
        e["ISMS_OBJ_FAULT"] = fault
    p = subprocess.run([binary, "--store", store, *args], env=e, capture_output=True, text=True, timeout=120)
    if check and p.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(args)} exited {p.returncode}\n{p.stdout}{p.stderr}")
    return p


def prepared_store(binary, root):
    """The regression store plus a 2027 table of cc with eight objectives, approved."""
    store = os.path.join(root, "store")
    shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), store)
    for i in range(OBJECTIVES):
        run(binary, store, "--today", "2026-12-01", "set", "--year", "2027", "--unit", "cc",
            "--compiled-by", "cc.staff", "--supervisor", "cc.head", "--submit",
            "--objective", f"o{i}", "--item", f"量測項目{i}", "--comparison", "<=", "--target", "100",
            "--measure-unit", "count", "--precision", "0", "--aggregation", "sum", "--department", "cc",
            "--owner", "cc.staff", "--method", "件數合計", "--data-source", "紀錄")
    run(binary, store, "--today", "2026-12-10", "approve", "--year", "2027", "--unit", "cc", "--by", "ciso")
    return store


def files(store):
    out = {}
    for dirpath, dirnames, filenames in os.walk(store):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            with open(full, "rb") as f:
                out[os.path.relpath(full, store)] = hashlib.sha256(f.read()).hexdigest()
    return out


def concurrency(binary, runs):
    for n in range(runs):
        root = tempfile.mkdtemp(prefix="isms-obj-stress-")
        try:
            store = prepared_store(binary, root)
            procs = [subprocess.Popen([binary, "--store", store, "--today", "2027-04-05", "record-quarter",
                                       "--year", "2027", "--quarter", "1", "--unit", "cc", "--objective", f"o{i}",
                                       "--actual", str(i), "--reporter", "cc.staff", "--lock-timeout", "60"],
                                      env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for i in range(OBJECTIVES)]
            for i, p in enumerate(procs):
                out, err = p.communicate(timeout=120)
                if p.returncode != 0:
                    raise SystemExit(f"FAIL run {n}: writer {i} exited {p.returncode}\n{out}{err}")
            for i in range(OBJECTIVES):
                path = os.path.join(store, "units", "cc", "2027", "results", "q1", f"o{i}.yaml")
                with open(path, encoding="utf-8") as f:
                    if f"actual: {i}\n" not in f.read():
                        raise SystemExit(f"FAIL run {n}: result of o{i} lost or wrong")
            run(binary, store, "--today", "2027-04-05", "validate")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"concurrency: {runs} runs of {OBJECTIVES} concurrent writers, no result lost")


def mixed(binary, runs):
    for n in range(runs):
        root = tempfile.mkdtemp(prefix="isms-obj-mixed-")
        try:
            store = prepared_store(binary, root)
            jobs = []
            for i in range(OBJECTIVES):
                jobs.append(["--today", "2027-04-05", "record-quarter", "--year", "2027", "--quarter", "1", "--unit", "cc",
                             "--objective", f"o{i}", "--actual", str(i), "--reporter", "cc.staff"])
            for i in range(4):
                jobs.append(["--today", "2026-11-30", "set", "--year", "2027", "--unit", "acad", "--compiled-by",
                             "acad.staff", "--supervisor", "acad.head", "--objective", f"a{i}", "--item", f"項目{i}",
                             "--comparison", ">=", "--target", "90", "--measure-unit", "percent", "--precision", "0",
                             "--aggregation", "last", "--department", "acad", "--owner", "acad.staff", "--method", "m",
                             "--data-source", "s"])
            for _ in range(2):
                jobs.append(["--today", "2025-12-20", "approve", "--year", "2026", "--unit", "acad", "--by", "ciso"])
            for _ in range(2):
                jobs.append(["--today", "2027-04-20", "review", "--year", "2027", "--quarter", "1", "--unit", "cc",
                             "--record", "--reviewer", "ciso", "--opinion", "同意備查。", "--allow-missing", "--reason",
                             "部分實績陸續補登"])
            procs = [subprocess.Popen([binary, "--store", store, *job, "--lock-timeout", "120"],
                                      env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for job in jobs]
            for job, p in zip(jobs, procs):
                out, err = p.communicate(timeout=300)
                if p.returncode != 0:
                    raise SystemExit(f"FAIL mixed run {n}: {job[2]} exited {p.returncode}\n{out}{err}")
            for i in range(OBJECTIVES):
                if not os.path.exists(os.path.join(store, "units", "cc", "2027", "results", "q1", f"o{i}.yaml")):
                    raise SystemExit(f"FAIL mixed run {n}: result of o{i} lost")
            with open(os.path.join(store, "units", "acad", "2027", "setting.yaml"), encoding="utf-8") as f:
                table = f.read()
            missing = [i for i in range(4) if f"id: a{i}\n" not in table]
            if missing:
                raise SystemExit(f"FAIL mixed run {n}: objectives {missing} lost from the table set concurrently")
            approvals = sorted(os.listdir(os.path.join(store, "approvals", "2026", "acad")))
            if approvals != ["r1.yaml"]:
                raise SystemExit(f"FAIL mixed run {n}: approvals {approvals}; the second approve must write nothing")
            if not os.path.exists(os.path.join(store, "reviews", "2027", "q1", "cc.yaml")):
                raise SystemExit(f"FAIL mixed run {n}: the review was not recorded")
            run(binary, store, "--today", "2027-04-20", "validate")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"mixed: {runs} runs of 16 concurrent writers of every kind; nothing lost, nothing written twice")


# Each writing command, as (arguments, --today); the batch writes two files so
# that a crash between them is exercised too.
COMMANDS = [
    (["record-quarter", "--year", "2027", "--quarter", "1", "--unit", "cc", "--input-format", "csv", "--from", "-",
      "--reporter", "cc.staff"], "2027-04-05", "objective,actual\no0,1\no1,2\n"),
    (["set", "--year", "2027", "--unit", "cc", "--objective", "o0", "--target", "90"], "2027-04-20", None),
    (["approve", "--year", "2026", "--unit", "acad", "--by", "ciso"], "2025-12-20", None),
]
FAULT_EXIT = 86  # fsutil's fault injection ends the process with _exit(86), skipping all cleanup
STEPS = ["temp-written", "before-rename", "after-rename"]


def run_input(binary, store, args, today, stdin, fault=None):
    e = env()
    if fault:
        e["ISMS_OBJ_FAULT"] = fault
    return subprocess.run([binary, "--store", store, "--today", today, *args], env=e, input=stdin or "",
                          capture_output=True, text=True, timeout=120)


def crash(binary, runs):
    cases = 0
    for _ in range(runs):
        root = tempfile.mkdtemp(prefix="isms-obj-crash-")
        try:
            base = prepared_store(binary, root)
            for args, today, stdin in COMMANDS:
                # What the command writes when nothing goes wrong.
                clean = os.path.join(root, "clean")
                shutil.copytree(base, clean)
                p = run_input(binary, clean, args, today, stdin)
                if p.returncode != 0:
                    raise SystemExit(f"FAIL: {args[0]} without fault exited {p.returncode}\n{p.stderr}")
                old, new = files(base), files(clean)
                for step in STEPS:
                    for nth in (1, 2):
                        work = os.path.join(root, "work")
                        shutil.copytree(base, work)
                        p = run_input(binary, work, args, today, stdin, fault=f"{step}:{nth}")
                        got = files(work)
                        for rel, digest in got.items():
                            if digest != old.get(rel) and digest != new.get(rel):
                                raise SystemExit(f"FAIL: {args[0]} killed at {step}:{nth}: {rel} is torn")
                        v = run_input(binary, work, ["validate"], today, None)
                        if v.returncode != 0:
                            raise SystemExit(f"FAIL: {args[0]} killed at {step}:{nth}: store invalid\n{v.stdout}")
                        again = run_input(binary, work, args, today, stdin)
                        if again.returncode != 0 or files(work) != new:
                            raise SystemExit(f"FAIL: {args[0]} after a kill at {step}:{nth} did not complete\n"
                                             f"{again.stdout}{again.stderr}")
                        shutil.rmtree(work)
                        cases += 1
                shutil.rmtree(clean)
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"crash: {cases} kills at every write step of {len(COMMANDS)} commands; every file old or new, "
          f"store valid, re-run completes")


def lock(binary, runs):
    import fcntl
    record = ["record-quarter", "--year", "2027", "--quarter", "1", "--unit", "cc", "--reporter", "cc.staff"]
    for _ in range(runs):
        root = tempfile.mkdtemp(prefix="isms-obj-lock-")
        try:
            store = prepared_store(binary, root)
            before = files(store)
            # A live holder: the writer waits, gives up, names it, writes nothing.
            holder = "pid 4242 isms-obj set by secretary@test.example on host ws-07"
            with open(os.path.join(store, ".isms-obj", "lock"), "r+") as f:
                fcntl.flock(f, fcntl.LOCK_EX)
                f.truncate(0)
                f.write(holder + "\n")
                f.flush()
                p = run_input(binary, store, [*record, "--objective", "o0", "--actual", "1", "--lock-timeout", "0.3"],
                              "2027-04-10", None)
                if p.returncode == 0 or holder not in p.stderr or files(store) != before:
                    raise SystemExit(f"FAIL: a held lock was not reported with its holder (exit {p.returncode})\n"
                                     f"{p.stderr}")
                f.truncate(0)
            # A holder killed mid-write: the kernel released the lock; the next
            # writer proceeds and names the killed one.
            p = run_input(binary, store, [*record, "--objective", "o1", "--actual", "2"], "2027-04-10", None,
                          fault="before-rename")
            if p.returncode != FAULT_EXIT:
                raise SystemExit(f"FAIL: the fault did not stop the writer (exit {p.returncode})")
            with open(os.path.join(store, ".isms-obj", "lock")) as f:
                left = f.read().strip()
            if "record-quarter" not in left:
                raise SystemExit(f"FAIL: the killed writer left no holder line: {left!r}")
            results = os.path.join(store, "units", "cc", "2027", "results", "q1")
            temps = [n for n in os.listdir(results) if ".tmp-" in n]
            if len(temps) != 1:
                raise SystemExit(f"FAIL: expected the killed writer's temporary file, found {temps}")
            p = run_input(binary, store, [*record, "--objective", "o1", "--actual", "2", "--lock-timeout", "1"],
                          "2027-04-10", None)
            if p.returncode != 0 or f"did not finish cleanly: {left}" not in p.stderr:
                raise SystemExit(f"FAIL: the next writer did not report the killed one (exit {p.returncode})\n"
                                 f"{p.stderr}")
            if temps[0] not in p.stderr or any(".tmp-" in n for n in os.listdir(results)):
                raise SystemExit(f"FAIL: the killed writer's temporary file was not swept and named\n{p.stderr}")
            with open(os.path.join(store, ".isms-obj", "lock")) as f:
                if f.read() != "":
                    raise SystemExit("FAIL: a clean writer left its holder line behind")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"lock: {runs} runs; a held lock is named and waited for, a killed holder is reported by the next "
          f"writer, which removes its temporary file")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("test", choices=["concurrency", "mixed", "crash", "lock"])
    ap.add_argument("--runs", type=int, default=1)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    {"concurrency": concurrency, "mixed": mixed, "crash": crash, "lock": lock}[a.test](binary, a.runs)
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
