#!/usr/bin/env python3
"""The CI files users copy (examples/ci/) run as their hosts would run them:
every shell line of the GitHub workflow's steps and of the GitLab job runs
here, in order, in one shell per job with the job's variables, on a valid
store and on a broken one. Checks the exit codes and what each host reads:
GitHub annotation lines, GitLab's Code Quality JSON."""
import argparse
import json
import os
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    with open(os.path.join(REPO, "examples", "ci", "github-workflow.yml"), encoding="utf-8") as f:
        gh = yaml.safe_load(f)
    with open(os.path.join(REPO, "examples", "ci", "gitlab-ci.yml"), encoding="utf-8") as f:
        gl = yaml.safe_load(f)["isms-obj"]
    gh_lines = [s["run"] for s in gh["jobs"]["validate"]["steps"] if "run" in s]
    gl_lines = gl["before_script"] + gl["script"]
    work = tempfile.mkdtemp(prefix="isms-obj-ci-")
    try:
        for broken in (False, True):
            repo = os.path.join(work, "broken" if broken else "valid")
            store = os.path.join(repo, "records")
            shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), store)
            if broken:
                result = os.path.join(store, "units", "cc", "2026", "results", "q1", "incidents.yaml")
                with open(result, encoding="utf-8") as f:
                    text = f.read()
                with open(result, "w", encoding="utf-8") as f:
                    f.write(text.replace("reported_by: ", "reported_by: ghost\nx_reported_by: ", 1))
            path = os.path.dirname(os.path.abspath(a.binary)) + os.pathsep + os.environ["PATH"]
            base = clean_env()
            gh_env = {**base, **{k: str(v) for k, v in gh["env"].items()}, "STORE": "records", "PATH": path}
            gl_env = {**base, **{k: str(v) for k, v in gl["variables"].items()}, "STORE": "records", "PATH": path}
            p = run_lines(gh_lines, repo, gh_env)
            annotations = [l for l in p.stdout.splitlines() if l.startswith("::")]
            if broken:
                if p.returncode != 1 or not annotations or not all(l.startswith("::error file=records/") for l in annotations):
                    failures.append(f"github, broken store: exit {p.returncode}, output:\n{p.stdout}{p.stderr}")
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
                if "incidents.yaml" not in p.stdout:
                    failures.append("gitlab, broken store: the readable findings are not in the job log")
            elif p.returncode != 0 or report != []:
                failures.append(f"gitlab, valid store: exit {p.returncode}, report {report}\n{p.stdout}{p.stderr}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
