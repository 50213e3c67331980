#!/usr/bin/env python3
"""The cron files users install (examples/cron/): the isms-obj-cron wrapper
(logging, quiet success, no overlapping runs, exit statuses) and every job
line of the example crontab, run here as cron would run it, on a clone of the
example store whose origin is a bare repository. The date is pinned with
shims for `date` and `isms-obj` (which adds --today); `curl` is a shim that
records what the chat job posts."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import checks
from checks import check, clean_env, failures

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CRON = os.path.join(REPO, "examples", "cron")
WRAPPER = os.path.join(CRON, "isms-obj-cron")
TODAY = "2026-12-01"


def run(cmd, **kw):
    return checks.run(cmd, timeout=120, **kw)


def shim(bindir, name, body):
    path = os.path.join(bindir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\n" + body)
    os.chmod(path, 0o755)


def wrapper_cases(work, env):
    logs = os.path.join(work, "state")
    w = [WRAPPER, "-d", logs]
    r = run(w + ["-n", "t", "--", "sh", "-c", "echo hi; echo oops >&2; exit 3"], env=env)
    check(r.returncode == 3 and r.stdout == "hi\n" and r.stderr == "oops\n", f"wrapper passes output/status: {r}")
    log = open(os.path.join(logs, "t.log"), encoding="utf-8").read()
    check(re.search(r"^\S+ \[t\] start: sh -c echo hi; echo oops >&2; exit 3\n  out\| hi\n  err\| oops\n"
                    r"\S+ \[t\] end: exit 3 after \d+ s\n$", log), f"wrapper log: {log!r}")

    r = run(w + ["-n", "q", "-q", "--", "echo", "fine"], env=env)
    check(r.returncode == 0 and r.stdout == "", f"-q hides a success's output: {r}")
    check("  out| fine" in open(os.path.join(logs, "q.log"), encoding="utf-8").read(), "-q still logs the output")
    r = run(w + ["-n", "q", "-q", "--", "sh", "-c", "echo late; exit 1"], env=env)
    check(r.returncode == 1 and r.stdout == "late\n", f"-q shows a failure's output: {r}")

    # Overlap: a second run of a job still running is skipped (75) and logged;
    # with -w it waits for the first to end and then runs.
    first = subprocess.Popen(w + ["-n", "slow", "--", "sleep", "3"], env=env)
    deadline = time.time() + 10
    slow_log = os.path.join(logs, "slow.log")
    while time.time() < deadline and not (os.path.exists(slow_log) and "start:" in open(slow_log).read()):
        time.sleep(0.05)
    t0 = time.time()
    r = run(w + ["-n", "slow", "--", "echo", "second"], env=env)
    check(r.returncode == 75 and r.stdout == "" and time.time() - t0 < 2, f"overlapping run not skipped: {r}")
    check("[slow] skipped: the previous run still holds" in open(slow_log).read(), "skipped run not logged")
    r = run(w + ["-n", "other", "--", "echo", "independent"], env=env)
    check(r.returncode == 0 and r.stdout == "independent\n", "another job runs meanwhile")
    r = run(w + ["-n", "slow", "-w", "20", "--", "echo", "waited"], env=env)
    check(r.returncode == 0 and r.stdout == "waited\n", f"-w waits for the lock: {r}")
    check(first.wait() == 0, "the first run finished")

    for bad in ([], ["-n", "../x", "--", "true"], ["-w", "soon", "--", "true"], ["-x"]):
        r = run(w + bad, env=env)
        check(r.returncode == 64, f"usage error {bad}: exit {r.returncode}")


def crontab_jobs():
    env, jobs = {}, []
    with open(os.path.join(CRON, "crontab"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^([A-Z_]+)=(.*)$", line)
            if m:
                env[m.group(1)] = m.group(2)
                continue
            fields = line.split(None, 5)
            check(len(fields) == 6, f"crontab line without five time fields and a command: {line}")
            ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
            for field, (lo, hi) in zip(fields[:5], ranges):
                for part in field.split(","):
                    if part == "*":
                        continue
                    nums = [int(x) for x in part.split("-")]
                    check(all(lo <= n <= hi for n in nums), f"crontab field {field} out of range in: {line}")
            check("%" not in fields[5], f"an unescaped % (cron makes it a newline) in: {line}")
            check(fields[5].startswith("isms-obj-cron "), f"job not run through isms-obj-cron: {line}")
            jobs.append(fields[5])
    return env, jobs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    work = tempfile.mkdtemp(prefix="isms-obj-cron-")
    try:
        bindir = os.path.join(work, "bin")
        os.mkdir(bindir)
        shim(bindir, "isms-obj", f'exec {binary} --today {TODAY} "$@"\n')
        shim(bindir, "date", f'case "${{1:-}}" in +%Y) echo {TODAY[:4]} ;; +%Y-%m-%d) echo {TODAY} ;; '
                             f'*) exec /bin/date "$@" ;; esac\n')
        shim(bindir, "curl", f'printf "%s\\n" "$@" > {work}/curl.args\n'
                             f'for a in "$@"; do case $a in @-) cat > {work}/curl.data ;; '
                             f'@*) cp "${{a#@}}" {work}/curl.data ;; esac; done\n')
        shim(bindir, "isms-obj-cron", f'exec {WRAPPER} "$@"\n')
        base = clean_env()
        env = {**base, "PATH": bindir + os.pathsep + base["PATH"], "HOME": work, "TZ": "Asia/Taipei",
               "GIT_AUTHOR_NAME": "cron", "GIT_AUTHOR_EMAIL": "cron@example.edu",
               "GIT_COMMITTER_NAME": "cron", "GIT_COMMITTER_EMAIL": "cron@example.edu"}
        wrapper_cases(work, env)

        # The store: a clone of a bare origin holding the example store, with
        # one Q3 result taken out so that the import has something to record.
        origin = os.path.join(work, "origin.git")
        seed = os.path.join(work, "seed")
        shutil.copytree(os.path.join(REPO, "examples", "university"), seed)
        for working in ("cache", "lock"):
            shutil.rmtree(os.path.join(seed, ".isms-obj", working), ignore_errors=True)
        os.remove(os.path.join(seed, "units", "accounting", "2026", "results", "q3", "backup-checks.yaml"))
        for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-qm", "seed"]):
            check(run(cmd, cwd=seed, env=env).returncode == 0, f"seed repo: {cmd}")
        run(["git", "clone", "-q", "--bare", seed, origin], env=env)
        store = os.path.join(work, "records")
        run(["git", "clone", "-q", origin, store], env=env)
        inbox = os.path.join(work, "inbox")
        os.mkdir(inbox)
        with open(os.path.join(inbox, "accounting-q3.csv"), "w", encoding="utf-8") as f:
            f.write("year,quarter,unit,objective,actual,reported_by,reported\n"
                    "2026,3,accounting,backup-checks,3,chiu.sh,2026-10-09\n")
        with open(os.path.join(inbox, "typo.csv"), "w", encoding="utf-8") as f:
            f.write("year,quarter,unit,objective,actual,reported_by,reported\n"
                    "2026,3,acounting,backup-checks,3,chiu.sh,2026-10-09\n")

        tab_env, jobs = crontab_jobs()
        env = {**env, **{k: v for k, v in tab_env.items() if k not in ("PATH",)}}
        env["ISMS_OBJ_STORE"] = store
        env["ISMS_OBJ_CRON_DIR"] = os.path.join(work, "cron-state")
        def run_job(line):
            return subprocess.run(["sh", "-c", line], cwd=work, env=env, capture_output=True, text=True, timeout=300)

        def branch_of(clone):
            return run(["git", "symbolic-ref", "--short", "HEAD"], cwd=clone, env=env).stdout.strip()

        outcomes, lines = {}, {}
        for job in jobs:
            line = (job.replace("/srv/isms/records", store).replace("/srv/isms/inbox", inbox)
                    .replace("/usr/share/isms-obj/cron", CRON))
            name = re.search(r"-n (\S+)", line).group(1)
            outcomes[name] = run_job(line)
            lines[name] = line

        def status(name):
            return outcomes[name].returncode if name in outcomes else None

        check(status("pull") == 0, f"pull: {outcomes.get('pull')}")
        # Late on 2026-12-01, before the import: a Q3 review and the Q3 result
        # taken out; so status exits 1 and speaks, in the store's language.
        r = outcomes.get("status")
        check(r and r.returncode == 1 and "逾期 2、" in r.stdout and "缺少實績：backup-checks" in r.stdout,
              f"status job: {r}")
        # The chat message: readable text naming each late item, and the
        # status JSON as isms-obj gave it.
        r = outcomes.get("status-chat")
        check(r and r.returncode == 0 and r.stdout == "" and r.stderr == "", f"status-chat job: {r}")
        try:
            with open(os.path.join(work, "curl.data"), encoding="utf-8") as f:
                payload = json.load(f)
        except (OSError, ValueError) as e:
            payload = {"error": str(e)}
        text, posted = payload.get("text", ""), payload.get("status", {})
        check(posted.get("format") == "isms-obj.status/1" and posted.get("late") == 2,
              f"chat job posted no status JSON: {payload}")
        late = [i for i in posted.get("items", []) if i.get("state") == "late"]
        check(len(late) == 2 and "2 late" in text and all(i["path"] in text and i["message"] in text for i in late),
              f"chat text does not list what is late: {text!r}")
        check("https://chat.example.edu/hooks/isms" in open(os.path.join(work, "curl.args")).read(),
              "chat job posted elsewhere")
        r = outcomes.get("import")
        check(r and r.returncode == 1 and "refused: typo.csv" in r.stderr, f"import job: {r}")
        check(os.path.exists(os.path.join(inbox, "done", "accounting-q3.csv")), "imported file not moved to done/")
        check(os.path.exists(os.path.join(inbox, "failed", "typo.csv.errors")), "refused file's errors not kept")
        def pushed_file(branch, rel):
            return run(["git", "cat-file", "-e", f"{branch}:{rel}"], cwd=origin, env=env).returncode == 0

        check(pushed_file(f"results-{TODAY}", "units/accounting/2026/results/q3/backup-checks.yaml"),
              "the imported result is not on the pushed results branch")
        r = outcomes.get("year-end")
        check(r and r.returncode == 0 and "drafted: accounting general intl personnel research student" in r.stdout,
              f"year-end job: {r}")
        for u in ("accounting", "general", "intl", "personnel", "research", "student"):
            check(pushed_file("year-end-2027", f"units/{u}/2027/setting.yaml"), f"no pushed 2027 draft for {u}")
        branches = run(["git", "branch", "--list"], cwd=origin, env=env).stdout
        check("year-end-2027" in branches and f"results-{TODAY}" in branches,
              f"branches not pushed to origin: {branches!r}")
        # The jobs that commit put the clone back on main: the nightly
        # validate (the last job) checks what was merged.
        check(branch_of(store) == "main", f"the clone was left on {branch_of(store)!r}")
        check(not os.path.exists(os.path.join(store, "units", "intl", "2027", "setting.yaml")),
              "main has the unmerged year-end drafts")
        r = outcomes.get("validate")
        check(r and r.returncode == 0 and r.stdout == "", f"validate job: {r}")

        # The same export dropped again the same day: nothing recorded anew,
        # no commit, and the clone back on main.
        pushed = run(["git", "rev-parse", f"results-{TODAY}"], cwd=origin, env=env).stdout
        shutil.copy(os.path.join(inbox, "done", "accounting-q3.csv"), inbox)
        r = run_job(lines["import"])
        check(r.returncode == 0 and "recorded: accounting-q3.csv" in r.stdout, f"import again: {r}")
        check(run(["git", "rev-parse", f"results-{TODAY}"], cwd=origin, env=env).stdout == pushed,
              "importing the same results again pushed a new commit")
        check(branch_of(store) == "main", "the second import left the clone off main")

        # A clone with uncommitted changes is not worked in.
        with open(os.path.join(store, "units", "lio", "2026", "setting.yaml"), "a", encoding="utf-8") as f:
            f.write("# edited by hand\n")
        shutil.copy(os.path.join(inbox, "done", "accounting-q3.csv"), inbox)
        r = run_job(lines["import"])
        check(r.returncode == 3 and "uncommitted changes" in r.stderr, f"import in a dirty clone: {r}")
        check(os.path.exists(os.path.join(inbox, "accounting-q3.csv")), "a refused run moved the inbox's file")
        logs = sorted(os.listdir(env["ISMS_OBJ_CRON_DIR"]))
        check(all(f"{n}.log" in logs for n in outcomes), f"a job without a log: {logs}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
