#!/usr/bin/python3
"""The peer a Python user would write: every record file loaded with PyYAML's
C loader and validated with jsonschema (Draft 7) against schemas/. Prints
the number of files and of invalid files. Run with Debian's python3 and its
python3-yaml and python3-jsonschema packages.

  py_validate.py SCHEMAS STORE
"""
import json
import os
import sys

import jsonschema
import yaml

KINDS = ("config", "setting", "approval", "result", "review", "referral")


def kind_of(rel):
    if rel == "isms-obj.yaml":
        return "config"
    top = rel.split("/")[0]
    if top == "approvals":
        return "approval"
    if top == "reviews":
        return "review"
    if top == "referrals":
        return "referral"
    return "result" if "/results/" in rel else "setting"


def main():
    schemas, store = sys.argv[1], sys.argv[2]
    validators = {}
    for k in KINDS:
        with open(os.path.join(schemas, f"{k}.schema.json"), encoding="utf-8") as f:
            validators[k] = jsonschema.Draft7Validator(json.load(f))
    files = bad = 0
    for dirpath, dirnames, filenames in os.walk(store):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(dirpath, name)
            files += 1
            try:
                with open(path, encoding="utf-8") as f:
                    data = yaml.load(f, Loader=yaml.CSafeLoader)
            except (yaml.YAMLError, UnicodeDecodeError):
                bad += 1
                continue
            # PyYAML types unquoted dates as datetime.date; the schemas expect strings.
            data = json.loads(json.dumps(data, default=str))
            if any(True for _ in validators[kind_of(os.path.relpath(path, store))].iter_errors(data)):
                bad += 1
    print(f"{files} files, {bad} invalid")


if __name__ == "__main__":
    main()
