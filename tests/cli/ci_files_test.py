#!/usr/bin/env python3
"""The CI files users copy (examples/ci/) run as their hosts would run them
on a pull request: every shell line of the GitHub workflow's steps (those
for pull requests) and of the GitLab job runs here, in order, in one shell
per job with the job's variables and the host's pull-request variables, in a
git repository whose main branch holds a valid store and whose PR branch
changes nothing, or breaks a result by editing it in place. Checks the exit
codes and what each host reads: GitHub annotation lines, GitLab's Code
Quality JSON, including the history-aware finding (retention.rewritten)."""
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
    # Steps guarded for pushes do not run on a pull request.
    gh_lines = [s["run"] for s in gh["jobs"]["validate"]["steps"] if "run" in s and "'push'" not in s.get("if", "")]
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
            gh_env = {**base, **{k: str(v) for k, v in gh["env"].items()}, "STORE": "records", "PATH": path,
                      "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main"}
            gl_env = {**base, **{k: str(v) for k, v in gl["variables"].items()}, "STORE": "records", "PATH": path,
                      "CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_DIFF_BASE_SHA": main_sha}
            p = run_lines(gh_lines, repo, gh_env)
            annotations = [l for l in p.stdout.splitlines() if l.startswith("::")]
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
