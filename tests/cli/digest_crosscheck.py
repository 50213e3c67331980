#!/usr/bin/env python3
"""An independent implementation of the table digest (docs/formats.md#digest),
in Python with PyYAML, checked against every approval in a store: where an
approval's revision is the table's current revision, the digest it records
must be the digest of the table as it stands (the example store has no
pending edits). With --fix it rewrites the digest line of approvals that
differ, which is how the example store's digests are maintained.

  digest_crosscheck.py [--fix] STORE
"""
import argparse
import decimal
import hashlib
import json
import pathlib
import re
import sys

import yaml

SKIP = {"revision", "status", "updated", "note", "carried_from"}


def number(v):
    d = decimal.Decimal(repr(v) if isinstance(v, float) else str(v)).normalize()
    text = format(d, "f")
    return text


def canon(v, top=False):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(canon(x) for x in v) + "]"
    if isinstance(v, dict):
        items = sorted((k, x) for k, x in v.items() if x is not None and not (top and k in SKIP))
        items.sort(key=lambda kv: kv[0].encode("utf-8"))
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canon(x) for k, x in items) + "}"
    return json.dumps(str(v), ensure_ascii=False)


def digest(table):
    return "sha256:" + hashlib.sha256(canon(table, top=True).encode("utf-8")).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fix", action="store_true")
    ap.add_argument("store")
    args = ap.parse_args()
    root = pathlib.Path(args.store)
    checked, wrong = 0, []
    for ap_path in sorted(root.glob("approvals/*/*/r*.yaml")):
        a = yaml.safe_load(ap_path.read_text(encoding="utf-8"))
        if a.get("decision") != "approved":
            continue
        table_path = root / "units" / a["unit"] / str(a["year"]) / "setting.yaml"
        if not table_path.exists():
            continue
        t = yaml.safe_load(table_path.read_text(encoding="utf-8"))
        if t.get("revision") != a.get("revision"):
            continue
        checked += 1
        want = digest(t)
        if a.get("digest") != want:
            wrong.append(ap_path)
            if args.fix:
                text = ap_path.read_text(encoding="utf-8")
                ap_path.write_text(re.sub(r'^digest: .*$', f'digest: "{want}"', text, count=1, flags=re.M),
                                   encoding="utf-8")
            print(f"{ap_path}: recorded {a.get('digest')}, computed {want}")
    print(f"{checked} approvals checked, {len(wrong)} differ{' (fixed)' if args.fix and wrong else ''}")
    return 1 if wrong and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
