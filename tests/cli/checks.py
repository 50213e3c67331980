"""What the integration test scripts share: a list of failures that every
check adds to, so one run shows them all, and the summary that ends a run."""
import os
import re
import subprocess

failures = []


def check(cond, what):
    """Records `what` as a failure unless `cond`; returns `cond`."""
    if not cond:
        failures.append(what)
    return cond


def run(cmd, **kw):
    """A command's result, with its output as text."""
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def missing_tools(tools, packages):
    """None when every program in `tools` is on PATH. Otherwise what a test
    that needs them exits with: 1 in CI, which must have installed
    `packages`, else 77 (CTest's "skipped") after saying so."""
    import shutil
    if all(shutil.which(t) for t in tools):
        return None
    if os.environ.get("CI") == "true":
        print(f"FAIL: {packages} required in CI")
        return 1
    print(f"skipped: {packages} not installed")
    return 77


def finish(limit=40):
    """Prints the failures (at most `limit`) and a count; the exit status."""
    for f in failures[:limit]:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


def commands_of(binary, env=None):
    """The subcommands the binary's --help lists, in its order."""
    out = run([binary, "--help"], env=env).stdout
    section = out.split("Subcommands:\n")[1].split("\n\n")[0]  # up to the footer
    return re.findall(r"^  ([a-z][a-z-]*)\s", section, re.M)


def git(root, *args, name, email, date):
    """Runs git in `root` as `name <email>` at `date` (author and committer),
    with no user or system configuration; its stdout. Fails with git's
    message."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
                "GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull})
    r = subprocess.run(["git", "-C", root, *args], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {r.stderr}")
    return r.stdout


def clean_env():
    """This process's environment without isms-obj's own variables, so that
    no ISMS_OBJ_STORE from outside picks the store a test runs on."""
    return {k: v for k, v in os.environ.items() if not k.startswith("ISMS_OBJ") or k == "ISMS_OBJ_LANG"}
