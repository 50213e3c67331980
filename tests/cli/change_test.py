#!/usr/bin/env python3
"""validate --base on real git repositories: pull requests made as branches
of a store whose main branch holds an approved, reported and reviewed year.

Each tampering change fails `validate --base main` with a diagnostic on the
file and line it changed, in the github and codequality formats: a result
edited in place (a miss turned into "met"), a result deleted under
retention, an approved target lowered without a new revision, a review
rewritten, an unsigned approval where signatures are required. The
legitimate change of each kind passes: a new quarter's results, an
amendment, a new revision of the table approved by the CISO, a signed
approval committed by the secretary, a referral closed. An approval
committed unsigned by someone who is not the CISO is a warning
(change.author-role); --base with an unknown ref or outside git is exit 2."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import check, finish, git, missing_tools, run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMAIL = {"ciso": "ciso@test.example", "sec": "sec@test.example", "cc.staff": "cc.staff@test.example",
         "outsider": "someone@else.example"}


class Repo:
    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args, who="sec", date="2026-01-01T10:00:00+08:00"):
        return git(self.root, *args, name=who, email=EMAIL[who], date=date)

    def commit(self, message, who="sec", date="2026-05-02T10:00:00+08:00"):
        self.git("add", "-A", who=who, date=date)
        self.git("commit", "-q", "-m", message, who=who, date=date)

    def branch(self, name):
        self.git("checkout", "-q", "-B", name, "main")


def path(repo, rel):
    return os.path.join(repo.root, rel)


def edit(repo, rel, old, new):
    p = path(repo, rel)
    text = open(p, encoding="utf-8").read()
    assert old in text, (rel, old)
    open(p, "w", encoding="utf-8").write(text.replace(old, new, 1))


def line_of(repo, rel, needle):
    for n, line in enumerate(open(path(repo, rel), encoding="utf-8").read().splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError((rel, needle))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    if (rc := missing_tools(["git", "ssh-keygen"], "git and openssh-client are")) is not None:
        return rc
    work = tempfile.mkdtemp(prefix="isms-obj-change-")
    try:
        repo = Repo(os.path.join(work, "store"))
        shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), repo.root, dirs_exist_ok=True)
        open(path(repo, ".gitignore"), "w").write(".isms-obj/cache/\n")  # as init writes it
        # Q1 patch-rate missed (cumulative 60 % against >= 90): the tampering turns it into "met".
        edit(repo, "units/cc/2026/results/q1/patch-rate.yaml", "numerator: 19\n", "numerator: 12\n")
        repo.commit("an approved, reported and reviewed Q1", date="2026-04-20T10:00:00+08:00")

        def validate(fmt, today="2026-05-02", base="main"):
            return run([a.binary, "--store", repo.root, "--today", today, "validate", "--base", base,
                        "--format", fmt], env={**os.environ, "TZ": "UTC"}, cwd=repo.root)

        def expect_finding(name, code, rel, line, today="2026-05-02"):
            """The change fails with `code` at rel:line in both CI formats."""
            gh = validate("github", today)
            want = f"file={rel}," + (f"line={line}," if line else "")
            hit = [l for l in gh.stdout.splitlines() if f"title={code}" in l and want in l]
            check(gh.returncode == 1 and hit and hit[0].startswith("::error"),
                  f"{name}: github {code} at {rel}:{line}: rc={gh.returncode}\n{gh.stdout}{gh.stderr}")
            cq = validate("codequality", today)
            items = json.loads(cq.stdout) if cq.stdout.strip() else []
            hit = [i for i in items if i["check_name"] == code and i["location"]["path"] == rel
                   and i["location"]["lines"]["begin"] == (line or 1)]
            check(cq.returncode == 1 and hit and hit[0]["severity"] == "major",
                  f"{name}: codequality {code} at {rel}:{line}: rc={cq.returncode}\n{cq.stdout}")

        def expect_clean(name, today="2026-05-02", allow=()):
            r = validate("github", today)
            bad = [l for l in r.stdout.splitlines() if not any(f"title={c}" in l for c in allow)
                   and ("title=retention." in l or "title=change." in l or l.startswith("::error"))]
            check(r.returncode == 0 and not bad, f"{name}: rc={r.returncode}\n{r.stdout}{r.stderr}")

        def isms(*args, today="2026-05-02"):
            return run([a.binary, "--store", repo.root, "--today", today, *args], env={**os.environ, "TZ": "UTC"})

        # Baseline: no change at all.
        repo.branch("nothing")
        expect_clean("no change")

        # 1. A recorded result edited in place (19/20 → 12/20 → 19/20 on a reviewed miss).
        repo.branch("edit-result")
        rel = "units/cc/2026/results/q1/patch-rate.yaml"
        edit(repo, rel, "numerator: 12\n", "numerator: 19\n")
        repo.commit("fix the Q1 figure", who="cc.staff")
        expect_finding("result edited in place", "retention.rewritten", rel, line_of(repo, rel, "numerator:"))
        # ... also before it is committed (the working tree is the change).
        repo.branch("edit-result-uncommitted")
        edit(repo, rel, "numerator: 12\n", "numerator: 19\n")
        expect_finding("result edited in place, uncommitted", "retention.rewritten", rel, line_of(repo, rel, "numerator:"))
        repo.git("checkout", "-q", "--", ".")

        # 2. A result deleted under retention (kept until 2027-12-31).
        repo.branch("delete-result")
        rel = "units/cc/2026/results/q1/incidents.yaml"
        os.remove(path(repo, rel))
        repo.commit("tidy up")
        expect_finding("result deleted", "retention.deleted", rel, 0)

        # 3. The approved target lowered without a new revision.
        repo.branch("lower-target")
        rel = "units/cc/2026/setting.yaml"
        edit(repo, rel, "    target: 90\n", "    target: 50\n")
        repo.commit("be realistic", who="cc.staff")
        expect_finding("approved target lowered in place", "retention.unapproved-change", rel,
                       line_of(repo, rel, "target: 50"))

        # 4. A review rewritten.
        repo.branch("rewrite-review")
        rel = "reviews/2026/q1/cc.yaml"
        edit(repo, rel, "opinion: 同意備查。", "opinion: 已達成，無須改善。")
        repo.commit("soften the opinion")
        expect_finding("review rewritten", "retention.rewritten", rel, line_of(repo, rel, "opinion:"))

        # 5. An approval edited (its date moved).
        repo.branch("edit-approval")
        rel = "approvals/2026/cc/r1.yaml"
        edit(repo, rel, 'date: "2025-12-10"', 'date: "2025-12-09"')
        repo.commit("backdate")
        expect_finding("approval edited", "retention.rewritten", rel, line_of(repo, rel, "date:"))

        # 6. Legitimate: the next quarter's results, recorded by the unit.
        repo.branch("q2-results")
        for obj, value in (("patch-rate", ["--numerator", "20", "--denominator", "20", "--variance", "上季積壓已於本季修補"]), ("incidents", ["--actual", "0"])):
            r = isms("record-quarter", "--year", "2026", "--quarter", "2", "--unit", "cc", "--objective", obj,
                     *value, "--reporter", "cc.staff", today="2026-07-05")
            check(r.returncode == 0, f"record Q2 {obj}: {r}")
        repo.commit("Q2 results", who="cc.staff", date="2026-07-05T10:00:00+08:00")
        expect_clean("new quarter's results", today="2026-07-05")

        # 7. Legitimate: an amendment keeps the recorded result and adds a file.
        repo.branch("amend")
        r = isms("record-quarter", "--year", "2026", "--quarter", "1", "--unit", "cc", "--objective", "patch-rate",
                 "--numerator", "13", "--denominator", "20", "--amend", "--reason", "掃描報表重新統計",
                 "--variance", "修補人力不足", "--reporter", "cc.staff")
        check(r.returncode == 0, f"amend: {r}")
        repo.commit("amend Q1", who="cc.staff")
        expect_clean("amendment", allow=("result.variance-missing",))

        # 8. Legitimate: a new revision of the table, approved by the CISO.
        repo.branch("revision-2")
        rel = "units/cc/2026/setting.yaml"
        edit(repo, rel, "revision: 1\n", "revision: 2\n")
        edit(repo, rel, "    target: 90\n", "    target: 85\n")
        repo.commit("revision 2", who="cc.staff", date="2026-05-02T10:00:00+08:00")
        r = isms("approve", "--year", "2026", "--unit", "cc", "--by", "ciso")
        check(r.returncode == 0, f"approve revision 2: {r}")
        repo.commit("approve revision 2", who="ciso", date="2026-05-03T10:00:00+08:00")
        expect_clean("new revision approved", today="2026-05-03")

        # 9. A referral closed by editing it: allowed; rewriting what was missed is not.
        repo.branch("referral")
        ref_rel = "referrals/2026/cc/patch-rate.yaml"
        os.makedirs(os.path.dirname(path(repo, ref_rel)), exist_ok=True)
        open(path(repo, ref_rel), "w", encoding="utf-8").write(
            "kind: referral\nyear: 2026\nunit: cc\nobjective: patch-rate\nraised: \"2026-04-20\"\n"
            "raised_by: ciso\nmissed:\n  - quarter: 1\n    actual: 60\n    cumulative: 60\nstate: open\n")
        repo.commit("referral", who="ciso", date="2026-04-21T10:00:00+08:00")
        repo.git("branch", "-f", "main", "HEAD")
        edit(repo, ref_rel, "state: open\n", "state: closed\nclosed: \"2026-05-01\"\nclosing_note: 已完成修補流程改善\n")
        repo.commit("close the referral", who="ciso")
        expect_clean("referral closed")
        edit(repo, ref_rel, "    actual: 60\n", "    actual: 95\n")
        repo.commit("rewrite what was missed", who="sec")
        expect_finding("referral's missed quarters rewritten", "retention.rewritten", ref_rel,
                       line_of(repo, ref_rel, "actual: 95"))
        repo.git("reset", "-q", "--hard", "HEAD~2")
        repo.git("checkout", "-q", "main")
        repo.git("reset", "-q", "--hard", "HEAD~1")

        # 10. Signatures required: an unsigned approval fails; a signed one passes whoever commits it.
        keys = os.path.join(work, "ciso-key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ciso", "-f", keys], check=True)
        pub = open(keys + ".pub").read().strip()
        repo.git("checkout", "-q", "main")
        edit(repo, "isms-obj.yaml", "    email: ciso@test.example\n",
             f"    email: ciso@test.example\n    keys:\n      - key: \"{pub}\"\n")
        repo.commit("the CISO's key", date="2026-04-22T10:00:00+08:00")
        repo.branch("acad-unsigned")
        rel = "units/acad/2026/setting.yaml"
        r = isms("approve", "--year", "2026", "--unit", "acad", "--by", "ciso")
        check(r.returncode == 0, f"unsigned approve (signatures optional): {r}")
        repo.commit("approval on behalf of the CISO", who="outsider")
        gh = validate("github")
        check(gh.returncode == 0 and "title=change.unsigned" in gh.stdout and "title=change.author-role" in gh.stdout
              and "file=approvals/2026/acad/r1.yaml" in gh.stdout,
              f"unsigned approval by an outsider: warnings: {gh.returncode}\n{gh.stdout}")
        open(path(repo, "isms-obj.yaml"), "a", encoding="utf-8").write("")
        edit(repo, "isms-obj.yaml", "  retention:\n", "  signatures: required\n  signatures_from: \"2026-05-01\"\n  retention:\n")
        repo.commit("signatures required", who="sec")
        expect_finding("unsigned approval under required signatures", "approval.unsigned",
                       "approvals/2026/acad/r1.yaml", line_of(repo, "approvals/2026/acad/r1.yaml", "kind:"))
        repo.branch("acad-signed")
        edit(repo, "isms-obj.yaml", "  retention:\n", "  signatures: required\n  signatures_from: \"2026-05-01\"\n  retention:\n")
        r = isms("approve", "--year", "2026", "--unit", "acad", "--by", "ciso", "--sign-with", keys)
        check(r.returncode == 0, f"signed approve: {r}")
        repo.commit("the CISO's signed approval, committed by the secretary", who="sec")
        expect_clean("signed approval committed by the secretary")

        # 12. Scoped: the check reads only the unit-years the change touches. A
        # problem already on main in another unit is not this change's (the
        # whole check on main reports it); --whole-store reads everything.
        repo.git("checkout", "-q", "main")
        broken = "units/acad/2026/results/q1/broken.yaml"
        os.makedirs(os.path.dirname(path(repo, broken)), exist_ok=True)
        open(path(repo, broken), "w").write("kind: result\nyear: [\n")
        repo.commit("a broken record on main")
        repo.branch("scoped")
        os.makedirs(path(repo, "units/cc/2026/results/q2"), exist_ok=True)
        open(path(repo, "units/cc/2026/results/q2/incidents.yaml"), "w").write(
            open(path(repo, "units/cc/2026/results/q1/incidents.yaml")).read().replace("quarter: 1", "quarter: 2")
            .replace("2026-04-", "2026-07-"))
        repo.commit("Q2 incidents", date="2026-07-03T10:00:00+08:00")
        r = validate("text", today="2026-07-05")
        check("(the records of cc in 2026, which the change touches)" in r.stdout and broken not in r.stdout,
              f"scoped check: {r}")
        r = run([a.binary, "--store", repo.root, "--today", "2026-07-05", "validate", "--base", "main",
                 "--whole-store"], env={**os.environ, "TZ": "UTC"}, cwd=repo.root)
        check(r.returncode == 1 and broken in r.stdout and "which the change touches" not in r.stdout,
              f"--whole-store: {r}")
        r = run([a.binary, "--store", repo.root, "--today", "2026-07-05", "validate", "--base", "main",
                 "--format", "json"], env={**os.environ, "TZ": "UTC"}, cwd=repo.root)
        check(json.loads(r.stdout).get("scope") == {"years": [2026], "units": ["cc"]}, f"json scope: {r}")
        edit(repo, "isms-obj.yaml", "  retention:\n", "  retention:\n")
        open(path(repo, "isms-obj.yaml"), "a").write("# a comment\n")
        r = validate("text", today="2026-07-05")
        check(broken in r.stdout and "which the change touches" not in r.stdout,
              f"a configuration change checks the whole store: {r}")
        repo.git("checkout", "-q", "--", ".")
        os.remove(path(repo, broken))
        repo.commit("fixed")
        repo.git("checkout", "-q", "main")

        r = validate("text", base="no-such-branch")
        check(r.returncode == 2 and "fetch-depth" in r.stderr, f"unknown ref: {r}")
        plain = os.path.join(work, "plain")
        shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), plain)
        r = run([a.binary, "--store", plain, "--today", "2026-05-02", "validate", "--base", "main"])
        check(r.returncode == 2 and "not in a git repository" in r.stderr, f"outside git: {r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
