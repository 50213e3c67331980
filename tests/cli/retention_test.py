#!/usr/bin/env python3
"""retention-check on real git repositories made in a temporary directory:
commits with chosen authors and dates, then the findings isms-obj reports.

Scenarios: a clean store; a 005-02 record deleted 3 months after its year
ended (violation, with the commit) and the same 2 years after (fine); a
missing quarter review; an approved target edited in a later commit without
re-approval; an approval committed by someone who is not the CISO; a result
edited in place; a plain directory (notice, remaining checks); a store inside
a larger repository (only the store's paths count).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

from checks import git

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEOPLE = {"ciso": "ciso@test.example", "sec": "sec@test.example", "staff": "cc.staff@test.example",
          "outsider": "someone@else.example"}


class Repo:
    def __init__(self, root, store_sub=""):
        self.top = root
        self.store = os.path.join(root, store_sub) if store_sub else root
        os.makedirs(self.store, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args, who="sec", date="2026-01-01T10:00:00+08:00"):
        return git(self.top, *args, name=who, email=PEOPLE[who], date=date)

    def commit(self, paths, message, who="sec", date="2026-01-01T10:00:00+08:00"):
        self.git("add", "-A", "--", *paths, who=who, date=date)
        self.git("commit", "-q", "-m", message, who=who, date=date)
        return self.git("rev-parse", "HEAD").strip()


def minimal_into(store):
    src = os.path.join(REPO, "tests", "stores", "minimal")
    for name in os.listdir(src):
        s = os.path.join(src, name)
        (shutil.copytree if os.path.isdir(s) else shutil.copy)(s, os.path.join(store, name))


def check(binary, store, today, *extra):
    p = subprocess.run([binary, "--store", store, "--today", today, "retention-check", "--format", "json", *extra],
                       capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
    return p.returncode, json.loads(p.stdout) if p.stdout.strip() else {}, p.stderr


def codes(report):
    return sorted(v["code"] for v in report.get("violations", []))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    binary = os.path.abspath(ap.parse_args().binary)
    failures = []

    def expect(name, cond, detail=""):
        print(("ok   " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
        if not cond:
            failures.append(name)

    # 1. clean store
    d = tempfile.mkdtemp(prefix="isms-obj-ret-")
    repo = Repo(d)
    minimal_into(d)
    results = os.path.join(d, "units", "cc", "2026", "results")
    shutil.move(results, os.path.join(d, "results.tmp"))
    repo.commit(["isms-obj.yaml", "units"], "config and tables", who="sec", date="2025-12-05T09:00:00+08:00")
    repo.commit(["approvals"], "approval", who="ciso", date="2025-12-10T09:00:00+08:00")
    shutil.move(os.path.join(d, "results.tmp"), results)
    repo.commit(["units"], "Q1 results", who="staff", date="2026-04-08T09:00:00+08:00")
    repo.commit(["reviews"], "Q1 review", who="ciso", date="2026-04-20T09:00:00+08:00")
    rc, rep, _ = check(binary, d, "2026-05-01")
    expect("clean store: exit 0, no violations, history read", rc == 0 and codes(rep) == [] and rep["commits"] == 4,
           f"rc={rc} {codes(rep)} commits={rep.get('commits')}")

    # 2. a 005-02 result deleted 3 months after its year ended (under retention)
    q1 = "units/cc/2026/results/q1/incidents.yaml"
    os.remove(os.path.join(d, q1))
    deleted = repo.commit([q1], "tidy up", who="sec", date="2027-03-31T09:00:00+08:00")
    rc, rep, _ = check(binary, d, "2027-04-01")
    hit = [v for v in rep.get("violations", []) if v["code"] == "retention.deleted"]
    expect("deleted under retention: violation with commit", rc == 1 and hit and hit[0]["commit"] == deleted
           and hit[0]["path"] == q1, f"rc={rc} {rep.get('violations')}")

    # ... and in the CI formats, with the commit in the message
    gh = subprocess.run([binary, "--store", d, "--today", "2027-04-01", "retention-check", "--format", "github"],
                        capture_output=True, text=True, cwd=d)
    hit = [l for l in gh.stdout.splitlines() if l.startswith(f"::error file={q1},title=retention.deleted::")]
    expect("deleted under retention: github annotation naming the commit",
           gh.returncode == 1 and hit and f"commit {deleted[:12]} by sec <sec@test.example> on 2027-03-31" in hit[0],
           gh.stdout)
    cq = subprocess.run([binary, "--store", d, "--today", "2027-04-01", "retention-check", "--format", "codequality"],
                        capture_output=True, text=True, cwd=d)
    items = json.loads(cq.stdout) if cq.stdout.strip() else []
    expect("deleted under retention: codequality issue",
           cq.returncode == 1 and any(i["check_name"] == "retention.deleted" and i["location"]["path"] == q1
                                      for i in items), cq.stdout)

    # 3. the same deleted 2 years after its year ended (retention over)
    d3 = tempfile.mkdtemp(prefix="isms-obj-ret-")
    shutil.copytree(d, os.path.join(d3, "s"), symlinks=True)
    repo3 = Repo.__new__(Repo)
    repo3.top = repo3.store = os.path.join(d3, "s")
    repo3.git("reset", "-q", "--hard", "HEAD~1")
    os.remove(os.path.join(repo3.store, q1))
    repo3.commit([q1], "disposal after retention", who="sec", date="2029-03-31T09:00:00+08:00")
    rc, rep, _ = check(binary, repo3.store, "2029-04-01")
    expect("deleted after retention ended: fine", "retention.deleted" not in codes(rep), f"{codes(rep)}")

    # 4. a missing quarter review (Q2 results recorded, review overdue)
    d4 = tempfile.mkdtemp(prefix="isms-obj-ret-")
    shutil.copytree(d, os.path.join(d4, "s"), symlinks=True)
    r4 = Repo.__new__(Repo)
    r4.top = r4.store = os.path.join(d4, "s")
    r4.git("reset", "-q", "--hard", "HEAD~1")
    for obj, body in (("patch-rate", "numerator: 19\ndenominator: 20\n"), ("incidents", "actual: 0\n")):
        path = os.path.join(r4.store, "units", "cc", "2026", "results", "q2", f"{obj}.yaml")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(f"kind: result\nyear: 2026\nquarter: 2\nunit: cc\nobjective: {obj}\n{body}"
                    "reported_by: cc.staff\nreported: \"2026-07-08\"\n")
    r4.commit(["units"], "Q2 results", who="staff", date="2026-07-08T09:00:00+08:00")
    rc, rep, _ = check(binary, r4.store, "2026-08-15")
    miss = [v for v in rep.get("violations", []) if v["code"] == "retention.missing"]
    expect("missing quarter review", rc == 1 and any(v["path"] == "reviews/2026/q2/cc.yaml" for v in miss), f"{miss}")

    # 5. an approved target edited in a later commit without re-approval
    table = os.path.join(r4.store, "units", "cc", "2026", "setting.yaml")
    with open(table, encoding="utf-8") as f:
        text = f.read()
    with open(table, "w", encoding="utf-8") as f:
        f.write(text.replace("    target: 90\n", "    target: 80\n"))
    edit = r4.commit(["units"], "lower the target", who="staff", date="2026-08-20T09:00:00+08:00")
    rc, rep, _ = check(binary, r4.store, "2026-08-21")
    hit = [v for v in rep.get("violations", []) if v["code"] == "retention.unapproved-change"]
    expect("approved target edited without re-approval: the changing commit", hit and hit[0]["commit"] == edit,
           f"{rep.get('violations')}")

    # 6. an approval committed by someone who is not the CISO
    d6 = tempfile.mkdtemp(prefix="isms-obj-ret-")
    r6 = Repo(d6)
    minimal_into(d6)
    r6.commit(["isms-obj.yaml", "units", "reviews"], "config, tables, records", who="sec", date="2025-12-05T09:00:00+08:00")
    bad = r6.commit(["approvals"], "approval on behalf of the CISO", who="outsider", date="2025-12-10T09:00:00+08:00")
    rc, rep, _ = check(binary, d6, "2026-05-01")
    hit = [v for v in rep.get("violations", []) if v["code"] == "provenance.approval-author"]
    expect("approval committed by someone who is not the CISO", rc == 1 and hit and hit[0]["commit"] == bad,
           f"{rep.get('violations')}")
    res = [v for v in rep.get("violations", []) if v["code"] == "provenance.result-author"]
    expect("results committed by the secretary are allowed", not res, f"{res}")

    # 7. a result edited in place
    res_path = os.path.join(d6, "units", "cc", "2026", "results", "q1", "incidents.yaml")
    with open(res_path, "a") as f:
        f.write("variance: 補充說明\n")
    edited = r6.commit(["units"], "edit a result in place", who="staff", date="2026-04-30T09:00:00+08:00")
    rc, rep, _ = check(binary, d6, "2026-05-01")
    hit = [v for v in rep.get("violations", []) if v["code"] == "retention.rewritten"]
    expect("a result edited in place", hit and hit[0]["commit"] == edited, f"{rep.get('violations')}")

    # 8. a plain directory: a notice, and the other checks still run
    d8 = tempfile.mkdtemp(prefix="isms-obj-ret-")
    minimal_into(d8)
    rc, rep, err = check(binary, d8, "2026-08-15")
    expect("plain directory: notice, history skipped, missing review still found",
           "not a git repository" in err and rep.get("history_checked") is False and rc == 1
           and "retention.missing" in codes(rep), f"rc={rc} err={err!r} {codes(rep)}")

    # 9. a store inside a larger repository: only its own paths count
    d9 = tempfile.mkdtemp(prefix="isms-obj-ret-")
    big = Repo(d9, store_sub="docs/isms")
    with open(os.path.join(d9, "README"), "w") as f:
        f.write("other project files\n")
    big.commit(["README"], "unrelated", who="outsider", date="2025-01-01T09:00:00+08:00")
    minimal_into(big.store)
    big.commit(["docs/isms/isms-obj.yaml", "docs/isms/units", "docs/isms/reviews"], "store", who="sec",
               date="2025-12-05T09:00:00+08:00")
    big.commit(["docs/isms/approvals"], "approval", who="ciso", date="2025-12-10T09:00:00+08:00")
    os.remove(os.path.join(d9, "README"))
    big.commit(["README"], "unrelated deletion", who="outsider", date="2026-02-01T09:00:00+08:00")
    rc, rep, _ = check(binary, big.store, "2026-05-01")
    expect("store inside a larger repository: only its commits and paths", rc == 0 and rep["commits"] == 2
           and codes(rep) == [], f"rc={rc} commits={rep.get('commits')} {codes(rep)}")

    for d_ in (d, d3, d4, d6, d8, d9):
        shutil.rmtree(d_, ignore_errors=True)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
