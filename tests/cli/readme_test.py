#!/usr/bin/env python3
"""Runs the command blocks of README.md as a reader would type them.

Each ```sh and ```cron block of the README is matched to a scene below by
its first line: where it runs (a new directory, or a git clone of the
example store that later blocks continue), on which date, with which files
a reader would have at hand (their own spreadsheets, an editor). A block
the README gains without a scene fails the test, so the README cannot grow
an example nobody ran. Installed paths (/usr/share/...) are read from the
source tree, `isms-obj` is the built binary with --today pinned to the
scene's date, and `date +%Y` (the cron job's year) follows that date.

Blocks that build and install the tool itself are not run here but by the
jobs named in SKIPPED, which run exactly those commands."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# First line of a block → why it is not run here, and what runs it.
SKIPPED = {
    "sh tests/quickstart.sh run": "the quick start: CI runs `sh tests/quickstart.sh test` on a fresh machine",
    "apt-get install -y g++ cmake": "installation from source: tests/quickstart.sh installs the same packages and "
                                    "the install/packages test builds and installs the .deb with cpack",
    "cmake -S . -B build -G Ninja": "building by hand: what tests/quickstart.sh runs",
}

# The user's own spreadsheets, as the README's commands expect them.
OBJECTIVES_CSV = "代號,目標值\nvuln-patch-rate,92\n"
Q1_CSV = """年度,季別,目標執行單位,代號,實績,分子,分母,差異說明,報告人,日期
116,第一季,圖書資訊處,vuln-patch-rate,,"1,030","1,100",,陳怡伶,116/04/08
116,第一季,圖書資訊處,core-availability,99.91%,,,,陳怡伶,116/04/08
116,第一季,圖書資訊處,backup-restore-success,,2,2,,陳怡伶,116/04/08
116,第一季,圖書資訊處,training-completion,31.5%,,,,陳怡伶,116/04/08
116,第一季,圖書資訊處,pii-incidents,0,,,,陳怡伶,116/04/08
"""
# What `$EDITOR isms-obj.yaml` adds to init's skeleton: a person, a unit, the CISO.
EDITOR = r"""#!/bin/sh
python3 - "$1" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("people:\n", "people:\n  - id: lee.ch\n    name: 李志宏\n    email: lee.ch@example.edu.tw\n    unit: lio\n", 1)
s = s.replace("units:\n", "units:\n  - id: lio\n    name: 圖書資訊處\n    head: lee.ch\n", 1)
s = s.replace("  ciso:\n", "  ciso: lee.ch\n", 1)
open(p, "w", encoding="utf-8").write(s)
PY
"""


def blocks(readme):
    """(language, first line, text) of each sh and cron block."""
    out = []
    for m in re.finditer(r"^```(sh|cron)\n(.*?)^```", readme, re.S | re.M):
        text = m.group(2)
        # The first line without its comment.
        head = re.sub(r"\s+#.*$", "", text.splitlines()[0]).strip()
        out.append((m.group(1), head, text))
    return out


def commands_of(lang, text):
    if lang == "cron":
        # A crontab line: five time fields, then the command.
        return "\n".join(line.split(None, 5)[5] for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--build", required=True)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="isms-obj-readme-")
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir)
    # isms-obj with the scene's date; its exit statuses are logged.
    with open(os.path.join(bindir, "isms-obj"), "w") as f:
        f.write(f"""#!/bin/sh
"{os.path.abspath(a.binary)}" --today "$README_TODAY" "$@"
rc=$?
echo "$rc isms-obj $*" >> "{work}/exits.log"
# status and retention-check exit 1 when something is due, late or missing:
# what the README says they do.
case "$1:$rc" in status:1|retention-check:1) exit 0 ;; esac
exit $rc
""")
    with open(os.path.join(bindir, "date"), "w") as f:
        f.write('#!/bin/sh\nif [ "$1" = "+%Y" ]; then echo "${README_TODAY%%-*}"; else exec /bin/date "$@"; fi\n')
    shutil.copy(os.path.join(REPO, "examples", "cron", "isms-obj-cron"), os.path.join(bindir, "isms-obj-cron"))
    editor = os.path.join(bindir, "editor")
    with open(editor, "w") as f:
        f.write(EDITOR)
    for name in os.listdir(bindir):
        os.chmod(os.path.join(bindir, name), 0o755)

    home = os.path.join(work, "home")
    os.makedirs(home)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], HOME=home, EDITOR=editor,
               GIT_AUTHOR_NAME="陳怡伶", GIT_COMMITTER_NAME="陳怡伶",
               GIT_AUTHOR_EMAIL="chen.yl@mail.knu.example.edu.tw",
               GIT_COMMITTER_EMAIL="chen.yl@mail.knu.example.edu.tw",
               GIT_CONFIG_GLOBAL=os.path.join(home, ".gitconfig"), TZ="Asia/Taipei", LC_ALL="C.UTF-8")
    env.pop("ISMS_OBJ_STORE", None)
    with open(os.path.join(home, ".gitconfig"), "w") as f:
        f.write("[user]\n\tname = 陳怡伶\n\temail = chen.yl@mail.knu.example.edu.tw\n[init]\n\tdefaultBranch = main\n")

    def git_store(name):
        """A git clone of the example store, as a unit's secretary keeps it."""
        path = os.path.join(work, name)
        shutil.copytree(os.path.join(REPO, "examples", "university"), path)
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "records"]):
            subprocess.run(cmd, cwd=path, env=env, check=True)
        return path

    # The example store the routine, the pull-request workflow and the
    # management review work in, one block after another.
    # As it stood before 圖書資訊處 drafted 2027, which the routine does.
    routine = git_store("routine")
    subprocess.run(["git", "rm", "-q", "-r", "units/lio/2027"], cwd=routine, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "before lio's 2027 draft"], cwd=routine, env=env, check=True)
    with open(os.path.join(routine, "objectives.csv"), "w", encoding="utf-8") as f:
        f.write(OBJECTIVES_CSV)
    with open(os.path.join(routine, "q1.csv"), "w", encoding="utf-8") as f:
        f.write(Q1_CSV)
    first = os.path.join(work, "first")
    os.makedirs(first)
    install = os.path.join(work, "install")
    os.makedirs(install)
    os.symlink(os.path.abspath(a.build), os.path.join(install, "build"))

    # First line of a block → (directory, date, extra environment).
    scenes = {
        "cmake --install build --prefix ~/.local": (install, "2026-12-02", {}),
        "git init isms-records && cd isms-records": (first, "2026-12-02", {}),
        "isms-obj set --year 2027 --unit lio --from-year 2026": (routine, "2026-12-10", {}),
        "isms-obj record-quarter --year 2027 --quarter 1 --from q1.csv": (routine, "2027-04-10", {}),
        "isms-obj report --year 2027 --format html --output management-review-2027.html": (routine, "2027-04-20", {}),
        "isms-obj codeowners --output CODEOWNERS": (routine, "2027-04-20", {}),
        "0 8 * * 1   isms-obj-cron -n status -q -- isms-obj status":
            (None, "2026-12-01", {"ISMS_OBJ_CRON_DIR": os.path.join(work, "cron-logs")}),
    }
    failures, ran = [], 0
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    for lang, head, text in blocks(readme):
        if any(head.startswith(k) for k in SKIPPED):
            print(f"skipped: {head}  ({next(v for k, v in SKIPPED.items() if head.startswith(k))})")
            continue
        if head not in scenes:
            failures.append(f"README block '{head}' has no scene in tests/cli/readme_test.py: add one, so it is run")
            continue
        cwd, today, extra = scenes[head]
        if cwd is None:
            cwd = git_store("cron")
            extra = dict(extra, ISMS_OBJ_STORE=cwd)
        script = commands_of(lang, text)
        script = script.replace("/usr/share/isms-obj/cron/", os.path.join(REPO, "examples", "cron") + "/")
        script = script.replace("/usr/share/doc/isms-obj/examples/", os.path.join(REPO, "examples") + "/")
        p = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True,
                           env=dict(env, README_TODAY=today, **extra))
        ran += 1
        if p.returncode != 0:
            failures.append(f"README block '{head}' failed (exit {p.returncode}):\n{p.stdout[-3000:]}{p.stderr[-3000:]}")
        else:
            print(f"ran: {head}")
    # What the blocks left behind is what the README says they make.
    for path in ("routine/005-01.html", "routine/management-review-2027.html", "routine/isms-objectives-2027.xlsx",
                 "routine/CODEOWNERS", "routine/.github/workflows/isms-obj.yml", "first/isms-records/isms-obj.yaml",
                 "home/.local/bin/isms-obj", "cron-logs/status.log"):
        if not os.path.exists(os.path.join(work, path)):
            failures.append(f"{path} was not made")
    if ran == 0:
        failures.append("no README block ran")
    for f in failures:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
