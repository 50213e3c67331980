#!/usr/bin/env python3
"""The pre-commit hook definition (.pre-commit-hooks.yaml) in a real git
repository: a commit of a valid record passes, a commit of a broken record is
stopped with validate's message, a commit that touches no record does not run
the hook, and a store in a subdirectory is reached with --store. The hook
repository is this repository's tracked files as they are in the working
tree, committed.

With --build-from-source, the same commits with no isms-obj on PATH: the
hook builds isms-obj from its clone on the first commit (minutes) and uses
that build afterwards.

Exit 77 (skipped) when pre-commit is not installed, unless CI=true."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from checks import missing_tools

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def git(cwd, *args, check=True):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--build-from-source", action="store_true")
    a = ap.parse_args()
    if (rc := missing_tools(["pre-commit"], "pre-commit is")) is not None:
        return rc
    work = tempfile.mkdtemp(prefix="isms-obj-precommit-")
    failures = []
    try:
        # No isms-obj on PATH but the one under test, or none at all.
        path = [d for d in os.environ["PATH"].split(os.pathsep) if not os.path.exists(os.path.join(d, "isms-obj"))]
        if not a.build_from_source:
            path.insert(0, os.path.dirname(os.path.abspath(a.binary)))
        env = {**os.environ, "PATH": os.pathsep.join(path),
               "PRE_COMMIT_HOME": os.path.join(work, "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"}
        env.pop("ISMS_OBJ_STORE", None)
        # The hook repository: this repository's files, committed (pre-commit clones a revision).
        hooks = os.path.join(work, "hooks")
        tracked = git(REPO, "ls-files", "-z").stdout.split("\0")
        for rel in filter(None, tracked):
            if os.path.lexists(os.path.join(REPO, rel)):
                os.makedirs(os.path.join(hooks, os.path.dirname(rel)), exist_ok=True)
                shutil.copy2(os.path.join(REPO, rel), os.path.join(hooks, rel), follow_symlinks=False)
        git(hooks, "init", "-q")
        git(hooks, "add", ".")
        subprocess.run(["git", "commit", "-qm", "hooks"], cwd=hooks, env=env, check=True)
        rev = git(hooks, "rev-parse", "HEAD").stdout.strip()

        def store_repo(name, subdir, args):
            root = os.path.join(work, name)
            store = os.path.join(root, subdir) if subdir else root
            shutil.copytree(os.path.join(REPO, "tests", "stores", "minimal"), store)
            with open(os.path.join(root, ".pre-commit-config.yaml"), "w", encoding="utf-8") as f:
                f.write(f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: isms-obj-validate\n")
                if args:
                    f.write(f"        args: {args}\n")
            git(root, "init", "-q")
            subprocess.run(["pre-commit", "install"], cwd=root, env=env, check=True, capture_output=True)
            git(root, "add", ".")
            return root, store

        def commit(root, message):
            return subprocess.run(["git", "commit", "-qm", message], cwd=root, env=env, capture_output=True, text=True)

        for name, subdir, args in (("top", "", ""), ("sub", "records/isms", "[--store, records/isms]")):
            root, store = store_repo(name, subdir, args)
            p = commit(root, "store")
            if a.build_from_source and name == "top":
                cache = os.path.join(work, "cache")
                built = [d for d in os.listdir(cache)
                         if os.access(os.path.join(cache, d, ".pre-commit-build", "prefix", "bin", "isms-obj"), os.X_OK)]
                if not built:
                    failures.append(f"the hook did not build isms-obj in its clone:\n{p.stdout}{p.stderr}")
            if p.returncode != 0 or "isms-obj validate" not in p.stdout + p.stderr or "Passed" not in p.stdout + p.stderr:
                failures.append(f"{name}: a valid store was not committed with the hook passing:\n{p.stdout}{p.stderr}")
            # A broken record: the commit is refused with validate's diagnostic.
            result = os.path.join(store, "units", "cc", "2026", "results", "q1", "incidents.yaml")
            with open(result, encoding="utf-8") as f:
                text = f.read()
            with open(result, "w", encoding="utf-8") as f:
                f.write(text.replace("reported_by: ", "reported_by: ghost\nx_reported_by: ", 1))
            git(root, "add", ".")
            p = commit(root, "broken")
            out = p.stdout + p.stderr
            if p.returncode == 0 or "Failed" not in out or "incidents.yaml" not in out:
                failures.append(f"{name}: a broken record was committed:\n{out}")
            git(root, "checkout", "--", ".", check=False)
            git(root, "reset", "-q", "--hard")
            # A file that is not a record: the hook is skipped.
            with open(os.path.join(root, "NOTES.txt"), "w", encoding="utf-8") as f:
                f.write("minutes\n")
            git(root, "add", "NOTES.txt")
            p = commit(root, "notes")
            out = p.stdout + p.stderr
            if p.returncode != 0 or "no files to check" not in out.lower():
                failures.append(f"{name}: the hook ran (or failed) for a commit without records:\n{out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    print("pre-commit hook:", "ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
