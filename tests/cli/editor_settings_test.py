#!/usr/bin/env python3
"""examples/vscode/settings.json against a real store: in a store made by
`isms-obj init` and filled from the example store, every record file matches
exactly one schema pattern, that schema is the one its own modeline names,
and every schema the settings name exists where init put the schemas."""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import failures, finish

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def glob_regex(pattern):
    # VS Code globs: * stays within one path segment.
    return re.compile("^" + "".join("[^/]*" if c == "*" else re.escape(c) for c in pattern) + "$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    with open(os.path.join(REPO, "examples", "vscode", "settings.json"), encoding="utf-8") as f:
        settings = json.load(f)
    rules = [(schema, glob_regex(p)) for schema, pats in settings["yaml.schemas"].items() for p in pats]
    work = tempfile.mkdtemp(prefix="isms-obj-editor-")
    try:
        store = os.path.join(work, "store")
        r = subprocess.run([a.binary, "init", store, "--organisation", "X"], capture_output=True, text=True)
        if r.returncode != 0:
            failures.append(f"init: {r.stderr}")
        for schema, _ in rules:
            if not os.path.isfile(os.path.join(store, schema)):
                failures.append(f"settings name {schema}, which init does not write")
        example = os.path.join(REPO, "examples", "university")
        files = sorted(os.path.relpath(p, example) for p in glob.glob(os.path.join(example, "**", "*.yaml"),
                                                                      recursive=True))
        if len(files) < 100:
            failures.append(f"only {len(files)} example records found")
        for rel in files:
            matched = [schema for schema, rx in rules if rx.match(rel)]
            with open(os.path.join(example, rel), encoding="utf-8") as f:
                modeline = re.match(r"# yaml-language-server: \$schema=(\S+)", f.readline())
            named = os.path.basename(modeline.group(1)) if modeline else None
            if len(matched) != 1 or os.path.basename(matched[0]) != named:
                failures.append(f"{rel}: settings give {matched}, its modeline names {named}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
