#!/usr/bin/env python3
"""Editors see a record's errors while it is typed (docs/integration.md#editors):

- examples/vscode/settings.json: every schema it names is where `isms-obj
  init` puts the schemas, and every record of the example store matches
  exactly one of its patterns, the schema its own modeline names;
- every modeline of the example store resolves, from the record's own
  directory, to the example's copy of that schema, and those copies are
  byte for byte what `init` writes (so the example is a store as init makes
  one, and cannot drift from schemas/);
- records the commands write (set, record-quarter) start
  with a modeline that resolves the same way."""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checks import check, clean_env, failures, finish

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def glob_regex(pattern):
    # VS Code globs: * stays within one path segment.
    return re.compile("^" + "".join("[^/]*" if c == "*" else re.escape(c) for c in pattern) + "$")


def modeline_target(store, rel):
    """The file the modeline of record `rel` points at, or None."""
    with open(os.path.join(store, rel), encoding="utf-8") as f:
        m = re.match(r"# yaml-language-server: \$schema=(\S+)$", f.readline().rstrip("\n"))
    if not m:
        return None
    return os.path.normpath(os.path.join(store, os.path.dirname(rel), m.group(1)))


def records(store):
    return sorted(os.path.relpath(p, store) for p in glob.glob(os.path.join(store, "**", "*.yaml"), recursive=True))


def check_record(rules, store, rel, label):
    """Record `rel` of `store` matches exactly one pattern of the settings,
    and its modeline points at that very schema."""
    matched = [schema for schema, rx in rules if rx.match(rel)]
    target = modeline_target(store, rel)
    check(len(matched) == 1 and target == os.path.join(store, matched[0]),
          f"{label}{rel}: settings give {matched}, its modeline points at {target}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    a = ap.parse_args()
    with open(os.path.join(REPO, "examples", "vscode", "settings.json"), encoding="utf-8") as f:
        settings = json.load(f)
    rules = [(schema, glob_regex(p)) for schema, pats in settings["yaml.schemas"].items() for p in pats]
    work = tempfile.mkdtemp(prefix="isms-obj-editor-")
    try:
        fresh = os.path.join(work, "fresh")
        r = subprocess.run([a.binary, "init", fresh, "--organisation", "X"], capture_output=True, text=True)
        check(r.returncode == 0, f"init: {r.stderr}")
        for schema, _ in rules:
            check(os.path.isfile(os.path.join(fresh, schema)), f"settings name {schema}, which init does not write")
        check(modeline_target(fresh, "isms-obj.yaml") == os.path.join(fresh, ".isms-obj", "schemas", "config.schema.json"),
              "init's isms-obj.yaml has no modeline naming its schema")

        example = os.path.join(REPO, "examples", "university")
        init_schemas = os.path.join(fresh, ".isms-obj", "schemas")
        example_schemas = os.path.join(example, ".isms-obj", "schemas")
        names = sorted(os.listdir(init_schemas))
        check(os.path.isdir(example_schemas) and sorted(os.listdir(example_schemas)) == names,
              f"the example store's .isms-obj/schemas differs from init's: {names}")
        for name in names:
            path = os.path.join(example_schemas, name)
            same = os.path.isfile(path) and open(path, "rb").read() == open(os.path.join(init_schemas, name), "rb").read()
            check(same, f"examples/university/.isms-obj/schemas/{name} is not what init writes (copy schemas/{name})")

        files = records(example)
        check(len(files) >= 100, f"only {len(files)} example records found")
        for rel in files:
            check_record(rules, example, rel, "")

        # Records the commands write: a copy of the example, next year's
        # table drafted and a result recorded.
        store = os.path.join(work, "store")
        shutil.copytree(example, store)
        before = set(records(store))
        env = clean_env()
        for today, args in (
                ("2026-11-24", ["set", "--year", "2027", "--unit", "intl", "--from-year", "2026",
                                "--compiled-by", "ho.ch", "--supervisor", "kuo.pc"]),
                ("2027-01-08", ["record-quarter", "--year", "2026", "--quarter", "4", "--unit", "lio",
                                "--objective", "core-availability", "--actual", "99.93", "--reporter", "wang.jh"])):
            r = subprocess.run([a.binary, "--store", store, "--today", today] + args, capture_output=True, text=True,
                               env=env)
            check(r.returncode == 0, f"{' '.join(args)}: exit {r.returncode}: {r.stderr}")
        written = sorted(set(records(store)) - before)
        check(len(written) >= 2, f"the commands wrote {written}")
        for rel in written:
            check_record(rules, store, rel, "written ")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
