#!/usr/bin/env python3
"""The CI files users copy (examples/ci/) run as their hosts would run them
on a pull request: every shell line of the GitHub workflow's steps (those
for pull requests) and of the GitLab job runs here, in order, in one shell
per job with the job's variables and the host's pull-request variables, in a
git repository whose main branch holds a valid store and whose PR branch
changes nothing, or breaks a result by editing it in place. Checks the exit
codes and what each host reads: GitHub annotation lines, GitLab's Code
Quality JSON, including the history-aware finding (retention.rewritten).

The workflow's step that uses the isms-obj action (action.yml at this
repository's root) runs the action's own steps, as the runner does: each
in a shell of its own with its `env:`, `${{ inputs.* }}` from the step's
`with:` (the example's commented `sarif:` input given too, so that the
SARIF file is checked) or the input's default, GITHUB_ACTION_PATH this
repository and RUNNER_TEMP a temporary directory. isms-obj is on PATH, so
the action's install step finds it."""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import yaml

from checks import clean_env, failures, finish

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_lines(lines, cwd, env):
    script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)


def expand(text, contexts):
    """`${{ name.key }}` replaced from `contexts` (a missing key is empty, as
    for an unset repository variable)."""
    def value(m):
        return str(contexts.get(m.group(1), {}).get(m.group(2), ""))
    return re.sub(r"\$\{\{\s*(\w+)\.([\w-]+)\s*\}\}", value, text)


def workflow_lines(steps, job_env, extra_inputs):
    """The shell lines of a job's steps for a pull request, the isms-obj
    action's steps in place of the step that uses it."""
    with open(os.path.join(REPO, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    lines = []
    for s in steps:
        if "'push'" in s.get("if", ""):
            continue
        if "run" in s:
            lines.append(s["run"])
        elif s.get("uses", "").split("@")[0].endswith("/isms-obj"):
            given = {k: expand(str(v), {"env": job_env}) for k, v in (s.get("with") or {}).items()}
            given.update(extra_inputs)
            inputs = {k: given.get(k, str(spec.get("default", ""))) for k, spec in action["inputs"].items()}
            for step in action["runs"]["steps"]:
                exports = "".join(f"export {k}={shlex.quote(expand(str(v), {'inputs': inputs}))}\n"
                                  for k, v in (step.get("env") or {}).items())
                lines.append("(\n" + exports + step["run"] + ")")
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    with open(os.path.join(REPO, "examples", "ci", "github-workflow.yml"), encoding="utf-8") as f:
        gh = yaml.safe_load(f)
    with open(os.path.join(REPO, "examples", "ci", "gitlab-ci.yml"), encoding="utf-8") as f:
        gl = yaml.safe_load(f)["isms-obj"]
    # Steps guarded for pushes do not run on a pull request.
    gh_job_env = {k: str(v) for k, v in gh["env"].items()}
    uses = [s["uses"] for s in gh["jobs"]["validate"]["steps"] if "uses" in s]
    if not any(u.split("@")[0].endswith("/isms-obj") for u in uses):
        failures.append(f"the GitHub workflow does not use the isms-obj action: {uses}")
    gl_lines = gl["before_script"] + gl["script"]
    work = tempfile.mkdtemp(prefix="isms-obj-ci-")
    try:
        for broken in (False, True):
            repo = os.path.join(work, "broken" if broken else "valid")
            store = os.path.join(repo, "records")
            shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), store)
            home = os.path.join(work, "home-" + os.path.basename(repo))
            os.makedirs(home)
            git_env = {**clean_env(), "HOME": home, "GIT_CONFIG_NOSYSTEM": "1",
                       "GIT_AUTHOR_NAME": "sec", "GIT_AUTHOR_EMAIL": "sec@test.example",
                       "GIT_COMMITTER_NAME": "sec", "GIT_COMMITTER_EMAIL": "sec@test.example"}

            def git(*args):
                return subprocess.run(["git", "-C", repo, *args], env=git_env, check=True, capture_output=True,
                                      text=True).stdout.strip()

            with open(os.path.join(repo, ".gitignore"), "w") as f:
                f.write(".isms-obj/cache/\ngl-code-quality-report.json\n")
            git("init", "-q", "-b", "main")
            git("add", "-A")
            git("commit", "-q", "-m", "the store")
            main_sha = git("rev-parse", "HEAD")
            git("update-ref", "refs/remotes/origin/main", main_sha)  # what checkout with fetch-depth: 0 leaves
            git("checkout", "-q", "-b", "pr")
            if broken:
                result = os.path.join(store, "units", "cc", "2026", "results", "q1", "incidents.yaml")
                with open(result, encoding="utf-8") as f:
                    text = f.read()
                with open(result, "w", encoding="utf-8") as f:
                    f.write(text.replace("reported_by: ", "reported_by: ghost\nx_reported_by: ", 1))
                git("commit", "-q", "-am", "edit a result in place")
            path = os.path.dirname(os.path.abspath(a.binary)) + os.pathsep + os.environ["PATH"]
            base = {k: v for k, v in git_env.items() if not k.startswith("GIT_")}
            base["GIT_CONFIG_NOSYSTEM"] = "1"
            gh_env = {**base, **gh_job_env, "STORE": "records", "PATH": path,
                      "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
                      "GITHUB_ACTION_PATH": REPO, "RUNNER_TEMP": work,
                      "GITHUB_STEP_SUMMARY": os.path.join(work, "summary-" + os.path.basename(repo) + ".md")}
            gh_lines = workflow_lines(gh["jobs"]["validate"]["steps"], {**gh_job_env, "STORE": "records"},
                                      {"sarif": "isms-obj.sarif"})
            gl_env = {**base, **{k: str(v) for k, v in gl["variables"].items()}, "STORE": "records", "PATH": path,
                      "CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_DIFF_BASE_SHA": main_sha}
            p = run_lines(gh_lines, repo, gh_env)
            annotations = [l for l in p.stdout.splitlines() if l.startswith("::error") or l.startswith("::warning")]
            sarif = os.path.join(repo, "isms-obj.sarif")
            try:
                with open(sarif, encoding="utf-8") as f:
                    log = json.load(f)
                results = log["runs"][0]["results"]
                if log.get("version") != "2.1.0" or bool(results) != broken:
                    failures.append(f"github: the action's SARIF file has {len(results)} results")
            except (OSError, ValueError, KeyError, IndexError) as e:
                failures.append(f"github: the action wrote no SARIF log: {e}\n{p.stdout}{p.stderr}")
            try:
                with open(gh_env["GITHUB_STEP_SUMMARY"], encoding="utf-8") as f:
                    summary = f.read()
                if not summary.startswith("### isms-obj validate: ") or (broken and "retention.rewritten" not in summary):
                    failures.append(f"github: step summary {summary[:300]!r}")
            except OSError:
                failures.append("github: the action wrote no step summary")
            if broken:
                if p.returncode != 1 or not annotations or not all(l.startswith("::error file=records/") for l in annotations):
                    failures.append(f"github, broken store: exit {p.returncode}, output:\n{p.stdout}{p.stderr}")
                if not any("title=retention.rewritten" in l for l in annotations):
                    failures.append(f"github, broken store: the change is not judged (--base):\n{p.stdout}{p.stderr}")
            elif p.returncode != 0 or annotations:
                failures.append(f"github, valid store: exit {p.returncode}, output:\n{p.stdout}{p.stderr}")
            p = run_lines(gl_lines, repo, gl_env)
            report_path = os.path.join(repo, gl["artifacts"]["reports"]["codequality"])
            with open(report_path, encoding="utf-8") as f:
                report = json.load(f)
            keys = {"description", "check_name", "fingerprint", "severity", "location"}
            shaped = all(keys <= set(i) and i["location"]["path"].startswith("records/") and
                         i["location"]["lines"]["begin"] >= 1 and i["severity"] in ("major", "minor") for i in report)
            fingerprints = [i["fingerprint"] for i in report]
            if broken:
                if p.returncode == 0 or not report or not shaped or len(set(fingerprints)) != len(fingerprints):
                    failures.append(f"gitlab, broken store: exit {p.returncode}, report {report}\n{p.stdout}{p.stderr}")
                if not any(i["check_name"] == "retention.rewritten" for i in report):
                    failures.append(f"gitlab, broken store: the change is not judged (--base): {report}")
                if "incidents.yaml" not in p.stdout:
                    failures.append("gitlab, broken store: the readable findings are not in the job log")
            elif p.returncode != 0 or report != []:
                failures.append(f"gitlab, valid store: exit {p.returncode}, report {report}\n{p.stdout}{p.stderr}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
