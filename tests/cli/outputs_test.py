#!/usr/bin/env python3
"""What isms-obj prints for programs, CI hosts and terminals.

- Every writing command's --format json (init, set, approve,
  record-quarter, review --confirm, review --record, referral) on a store
  that goes through a year's steps, each document valid against
  schemas/write-report.schema.json and naming the files the run wrote.
- validate --format sarif against tests/data/sarif (SARIF 2.1.0), with
  each result's rule index and what GitHub code scanning needs.
- validate --format github: errors before warnings, findings on lines
  the change touched first (--base), at most 10 annotations of each
  severity, the rest counted in one notice and listed; the step summary
  added to $GITHUB_STEP_SUMMARY; a table changed after its approval is
  flagged on the changed line, not on `revision:`.
- Every example a command's --help shows (its man page's EXAMPLES) is a
  command line the program accepts: run in a shell on a copy of the example
  store, none ends in a usage error.
- Colour only on a terminal (a pseudo-terminal here), never with NO_COLOR
  or --color=never, always with --color=always; --quiet.
Needs python3-jsonschema."""
import argparse
import json
import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from checks import check, clean_env, commands_of, finish, git, run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MINIMAL = os.path.join(REPO, "tests", "stores", "minimal")

try:
    import jsonschema
except ImportError:
    jsonschema = None


def load_schema(*rel):
    with open(os.path.join(REPO, *rel), encoding="utf-8") as f:
        return json.load(f)


class Tool:
    def __init__(self, binary, store):
        self.binary, self.store = binary, store

    def __call__(self, today, *args, env=None, cwd=None):
        e = {**clean_env(), "ISMS_OBJ_LANG": "en", "TZ": "Asia/Taipei", **(env or {})}
        for name in ("GITHUB_STEP_SUMMARY", "NO_COLOR"):  # only when the check sets them
            if name not in (env or {}):
                e.pop(name, None)
        return run([self.binary, "--store", self.store, "--today", today, *args], env=e, cwd=cwd or self.store)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def result_yaml(quarter, objective, body):
    return (f"kind: result\nyear: 2026\nquarter: {quarter}\nunit: cc\nobjective: {objective}\n{body}"
            f"reported_by: cc.staff\nreported: \"2026-0{quarter * 3 + 1}-08\"\n")


def write_reports(binary, work):
    """A year's steps with --format json; every report against the schema."""
    validator = jsonschema.Draft7Validator(load_schema("schemas", "write-report.schema.json"))

    def report(r, command, written, store_dir=None):
        if not check(r.returncode == 0, f"{command}: exit {r.returncode}: {r.stderr}"):
            return None
        try:
            doc = json.loads(r.stdout)
        except ValueError:
            check(False, f"{command}: not JSON: {r.stdout[:300]!r}")
            return None
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(doc)]
        check(not errors, f"{command}: not valid against write-report.schema.json: {errors}")
        check(doc.get("command") == command, f"{command}: command is {doc.get('command')!r}")
        if written is not None:
            check(doc.get("written") == written, f"{command}: written {doc.get('written')} != {written}")
        for rel in doc.get("written", []):
            check(os.path.isfile(os.path.join(store_dir or tool.store, rel)), f"{command}: {rel} is not in the store")
        return doc

    fresh = os.path.join(work, "new-store")
    store = os.path.join(work, "year")
    shutil.copytree(MINIMAL, store)
    tool = Tool(binary, store)
    r = run([binary, "--today", "2026-11-24", "init", fresh, "--format", "json"], env={**clean_env(), "ISMS_OBJ_LANG": "en"})
    doc = report(r, "init", None, store_dir=fresh)
    if doc:
        check("isms-obj.yaml" in doc["written"], f"init: written {doc['written']}")
    # Q1 of patch-rate missed, so that Q2's miss raises a referral.
    write(store, "units/cc/2026/results/q1/patch-rate.yaml",
          result_yaml(1, "patch-rate", "numerator: 10\ndenominator: 20\nvariance: 授權到期\n"))
    doc = report(tool("2026-07-08", "record-quarter", "--year", "2026", "--quarter", "2", "--unit", "cc", "--objective",
                      "patch-rate", "--reporter", "cc.staff", "--numerator", "12", "--denominator", "20", "--variance",
                      "人力不足", "--format", "json"),
                 "record-quarter", ["units/cc/2026/results/q2/patch-rate.yaml"])
    if doc:
        row = doc["results"][0]
        check((row["actual"], row["cumulative"], row["status"]) == (60, 55, "not met"), f"record-quarter: {row}")
    report(tool("2026-07-08", "record-quarter", "--year", "2026", "--quarter", "2", "--unit", "cc", "--objective",
                "incidents", "--reporter", "cc.staff", "--actual", "0", "--format", "json", "--dry-run"),
           "record-quarter", [])
    report(tool("2026-07-08", "record-quarter", "--year", "2026", "--quarter", "2", "--unit", "cc", "--objective",
                "incidents", "--reporter", "cc.staff", "--actual", "0", "--format", "json"),
           "record-quarter", ["units/cc/2026/results/q2/incidents.yaml"])
    report(tool("2026-07-10", "review", "--year", "2026", "--quarter", "2", "--unit", "cc", "--confirm", "--by", "cc.head",
                "--format", "json"), "review --confirm", ["confirmations/2026/q2/cc.yaml"])
    doc = report(tool("2026-07-20", "review", "--year", "2026", "--quarter", "2", "--unit", "cc", "--record", "--reviewer",
                      "ciso", "--opinion", "請提出矯正措施", "--format", "json"),
                 "review", ["referrals/2026/cc/patch-rate.yaml", "reviews/2026/q2/cc.yaml"])
    if doc:
        check(doc["referrals"] == ["referrals/2026/cc/patch-rate.yaml"], f"review: referrals {doc['referrals']}")
    report(tool("2026-10-02", "referral", "--year", "2026", "--unit", "cc", "--objective", "patch-rate", "--close", "--by",
                "ciso", "--evidence", "已改善", "--format", "json"), "referral", ["referrals/2026/cc/patch-rate.yaml"])
    report(tool("2026-12-01", "set", "--year", "2027", "--unit", "cc", "--from-year", "2026", "--compiled-by", "cc.staff",
                "--submit", "--format", "json"), "set", ["units/cc/2027/setting.yaml"])
    report(tool("2026-12-05", "approve", "--year", "2027", "--unit", "cc", "--by", "ciso", "--format", "json"),
           "approve", ["approvals/2027/cc/r1.yaml"])
    # Again: nothing written, the approval on record named.
    doc = report(tool("2026-12-05", "approve", "--year", "2027", "--unit", "cc", "--by", "ciso", "--format", "json"),
                 "approve", [])
    if doc:
        check(doc["unchanged"] == ["approvals/2027/cc/r1.yaml"], f"approve again: {doc}")
    # Every report named what is now in the store, and the store is valid.
    r = tool("2026-12-05", "validate")
    check(r.returncode == 0, f"validate after the steps: {r.stdout}{r.stderr}")

    # --quiet: a writing command's text report is not printed, nor notes.
    r = tool("2026-12-05", "--quiet", "approve", "--year", "2027", "--unit", "cc", "--by", "ciso")
    check(r.returncode == 0 and r.stdout == "" and r.stderr == "", f"approve --quiet: {r}")
    out = os.path.join(work, "mr.html")
    r = tool("2026-12-05", "-q", "report", "--year", "2026", "--format", "html", "--output", out)
    check(r.returncode == 0 and r.stdout == "" and r.stderr == "" and os.path.exists(out), f"report -q --output: {r}")
    r = tool("2026-12-05", "report", "--year", "2026", "--format", "html", "--output", out)
    check(r.returncode == 0 and r.stdout == "" and r.stderr == f"isms-obj: note: wrote {out}\n",
          f"report --output says what it wrote on standard error: {r}")


def broken_store(work, name):
    """The minimal store in a git repository, then 11 result files that do
    not parse, committed: findings already on the target branch."""
    store = os.path.join(work, name)
    shutil.copytree(MINIMAL, store)
    who = dict(name="Sec", email="sec@example.edu", date="2026-11-01T10:00:00+08:00")
    git(store, "init", "-q", "-b", "main", **who)
    git(store, "add", "-A", **who)
    git(store, "commit", "-q", "-m", "store", **who)
    for i in range(11):
        write(store, f"units/cc/2026/results/q1/old-{i:02}.yaml", "kind: result\nyear: [2026\n")
    git(store, "add", "-A", **who)
    git(store, "commit", "-q", "-m", "broken", **who)
    return store, who


def github_and_sarif(binary, work):
    store, who = broken_store(work, "gh")
    git(store, "checkout", "-q", "-b", "change", **who)
    # The change: one more broken file (sorted after the old ones) and a
    # target edited in an approved table without a new revision. Findings:
    # 11 old errors; on the change, the new file's syntax error and its
    # unsigned author (a warning), and the table's edit in place (an error)
    # and pending re-approval (a warning).
    write(store, "units/cc/2026/results/q4/zz-new.yaml", "kind: result\nyear: [2026\n")
    setting = os.path.join(store, "units/cc/2026/setting.yaml")
    with open(setting, encoding="utf-8") as f:
        lines = f.read().split("\n")
    target_line = lines.index("    target: 90") + 1
    revision_line = lines.index("revision: 1") + 1
    lines[target_line - 1] = "    target: 95"
    with open(setting, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    git(store, "add", "-A", **who)
    git(store, "commit", "-q", "-m", "change", **who)
    tool = Tool(binary, store)

    def annotations(out):
        return [l for l in out.splitlines() if l.startswith("::error") or l.startswith("::warning")]

    # Without --base: sorted, capped at 10 errors; the new file's error is
    # past the cap, and the pending re-approval is on `revision:`.
    r = tool("2026-11-24", "validate", "--format", "github")
    errors = [a for a in annotations(r.stdout) if a.startswith("::error")]
    check(r.returncode == 1 and len(errors) == 10, f"github: {len(errors)} error annotations (want 10): {r.stdout[:800]}")
    check(not any("zz-new" in a for a in errors), "github without --base: the 12th error was annotated")
    notices = [l for l in r.stdout.splitlines() if l.startswith("::notice")]
    check(len(notices) == 1 and "2 more errors and 0 more warnings" in notices[0],
          f"github: the notice of what is not annotated: {notices}")
    rest = r.stdout.split(notices[0])[-1] if notices else ""
    check(rest.count(": error: ") == 2 and "zz-new.yaml" in rest, f"github: the errors past the cap are listed: {rest!r}")
    pending = [a for a in annotations(r.stdout) if "setting.pending-reapproval" in a]
    check(len(pending) == 1 and f"line={revision_line}," in pending[0], f"without --base, on revision: {pending}")

    # With --base: the change's findings first, the pending re-approval on
    # the changed target line; the step summary added after what was there.
    summary = os.path.join(work, "step-summary.md")
    with open(summary, "w", encoding="utf-8") as f:
        f.write("## earlier step output\n")
    r = tool("2026-11-24", "validate", "--format", "github", "--base", "main", env={"GITHUB_STEP_SUMMARY": summary})
    ann = annotations(r.stdout)
    errors = [a for a in ann if a.startswith("::error")]
    check(len(errors) == 10 and "zz-new.yaml" in errors[0], f"github --base: the change's error first: {errors[:2]}")
    check(ann and ann[0].startswith("::error"), "github: errors before warnings")
    pending = [a for a in ann if "setting.pending-reapproval" in a]
    check(len(pending) == 1 and f"line={target_line}," in pending[0],
          f"--base: the pending re-approval on the changed line {target_line}: {pending}")
    with open(summary, encoding="utf-8") as f:
        md = f.read()
    check(md.startswith("## earlier step output\n### isms-obj validate: 13 errors, 2 warnings"), f"step summary: {md[:200]!r}")
    rows = [l for l in md.splitlines() if l.startswith("| error") or l.startswith("| warning")]
    check(len(rows) == 15 and "✎" in rows[0] and "zz-new.yaml" in rows[0], f"step summary rows: {rows[:2]}")

    # --quiet: errors only.
    r = tool("2026-11-24", "--quiet", "validate", "--format", "github", "--base", "main")
    check(not any(a.startswith("::warning") for a in annotations(r.stdout)), "github --quiet: warnings annotated")

    # SARIF: valid against the schema; rules and results agree.
    validator = jsonschema.Draft7Validator(load_schema("tests", "data", "sarif", "sarif-2.1.0-isms-obj.schema.json"),
                                           format_checker=jsonschema.FormatChecker())
    r = tool("2026-11-24", "validate", "--format", "sarif", "--base", "main")
    try:
        log = json.loads(r.stdout)
    except ValueError:
        check(False, f"sarif: not JSON: {r.stdout[:300]!r}")
        return
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(log)]
    check(not errors, f"sarif: not valid SARIF 2.1.0: {errors[:5]}")
    run0 = log["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    check(len(run0["results"]) == 15, f"sarif: {len(run0['results'])} results")
    for res in run0["results"]:
        check(rules[res["ruleIndex"]]["id"] == res["ruleId"], f"sarif: ruleIndex of {res['ruleId']}")
        loc = res["locations"][0]["physicalLocation"]
        check(not loc["artifactLocation"]["uri"].startswith("/") and loc["region"]["startLine"] >= 1,
              f"sarif: location {loc}")
    check(sum(1 for r_ in run0["results"] if r_["properties"]["onChangedLine"]) == 4, "sarif: findings on changed lines")


def colour(binary, work):
    store, _ = broken_store(work, "colour")
    tool = Tool(binary, store)

    def on_terminal(*args, env):
        """stdout and stderr on a pseudo-terminal: what a person sees."""
        master, slave = pty.openpty()
        e = {**clean_env(), "ISMS_OBJ_LANG": "en", "TERM": "xterm", **env}
        if "NO_COLOR" not in env:
            e.pop("NO_COLOR", None)
        p = subprocess.Popen([binary, "--store", store, "--today", "2026-11-24", *args], stdout=slave, stderr=slave, env=e)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        p.wait()
        os.close(master)
        return b"".join(chunks).decode("utf-8", "replace")

    esc = "\x1b["
    check(esc in on_terminal("validate", env={}), "no colour on a terminal")
    check(esc not in on_terminal("validate", env={"NO_COLOR": "1"}), "colour with NO_COLOR=1")
    check(esc in on_terminal("validate", env={"NO_COLOR": ""}), "an empty NO_COLOR turned colour off")
    check(esc not in on_terminal("--color=never", "validate", env={}), "colour with --color=never")
    check(esc not in on_terminal("validate", env={"TERM": "dumb"}), "colour on a dumb terminal")
    r = tool("2026-11-24", "validate")
    check(esc not in r.stdout + r.stderr, "colour into a pipe")
    r = tool("2026-11-24", "--color=always", "validate")
    check("\x1b[1;31merror:\x1b[0m" in r.stdout, f"--color=always into a pipe: {r.stdout[:200]!r}")
    # Colour is added to the text, never changes it.
    plain = tool("2026-11-24", "validate").stdout
    check(re.sub(r"\x1b\[[0-9;]*m", "", r.stdout) == plain, "the coloured text differs from the plain text")
    # A command's own error wears the diagnostics' colour.
    r = tool("2026-11-24", "--color=always", "report", "--year", "2026", "--format", "xlsx")
    check(r.returncode == 2 and r.stderr.startswith("isms-obj: \x1b[1;31merror:\x1b[0m --format xlsx"),
          f"a coloured command error: {r.stderr!r}")
    # --quiet: validate's errors only, without the closing line.
    r = tool("2026-11-24", "--quiet", "validate")
    check(r.returncode == 1 and r.stdout.count(": error: ") == 11 and "checked" not in r.stdout, f"validate -q: {r.stdout}")


def examples(binary, work):
    """Each example line of each command's --help, run by bash on a copy of
    the example store with the input files it names present (empty)."""
    store = os.path.join(work, "examples-store")
    shutil.copytree(os.path.join(REPO, "examples", "university"), store)
    for name in ("objectives.csv", "q1.csv", "q3.xlsx", "results.yaml"):
        write(store, name, "")
    env = {**clean_env(), "ISMS_OBJ_LANG": "en", "HOME": work,
           "PATH": os.path.dirname(os.path.abspath(binary)) + os.pathsep + os.environ["PATH"]}
    seen = 0
    for command in [""] + commands_of(binary):
        help_text = run([binary, *([command] if command else []), "--help"], env=env).stdout
        if "Examples:" not in help_text:
            check(False, f"{command or 'isms-obj'} --help shows no examples")
            continue
        for line in help_text.split("Examples:")[1].splitlines():
            if not line.startswith("  isms-obj") and not line.startswith("  source"):
                continue
            seen += 1
            p = subprocess.run(["bash", "-c", f"cd {shlex.quote(store)} && {line.strip()}"],
                               env=env, capture_output=True, text=True, timeout=60)
            usage = "Run with --help" in p.stderr or "not expected" in p.stderr or p.returncode == 127
            check(not usage, f"example of {command or 'isms-obj'} is not a valid command line: {line.strip()}\n"
                             f"  exit {p.returncode}: {p.stderr[-300:]}")
    check(seen >= 25, f"only {seen} examples found in the --help texts")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    if jsonschema is None:
        if os.environ.get("CI") == "true":
            print("FAIL: python3-jsonschema required in CI")
            return 1
        print("skipped: python3-jsonschema not installed")
        return 77
    work = tempfile.mkdtemp(prefix="isms-obj-outputs-")
    try:
        write_reports(a.binary, work)
        github_and_sarif(a.binary, work)
        colour(a.binary, work)
        examples(a.binary, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
