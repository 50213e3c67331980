#!/usr/bin/env python3
"""Fails when docs/diagnostics.md and the codes used in lib/ drift apart."""
import os
import re
import sys

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
prefixes = "id|yaml|encoding|file|schema|store|record|value|config|ref|target|measure|setting|approval|result|review|referral|deadline|csv|input|record|review|retention|provenance"
pattern = re.compile(r'"((?:%s)\.[a-z0-9-]+)"' % prefixes)
used = set()
for name in sorted(os.listdir(os.path.join(repo, "lib", "isms"))):
    if name.endswith(".cpp"):
        with open(os.path.join(repo, "lib", "isms", name), encoding="utf-8") as f:
            used |= set(pattern.findall(f.read()))
used.discard("setting.yaml")  # a file name, not a code
with open(os.path.join(repo, "docs", "diagnostics.md"), encoding="utf-8") as f:
    documented = set(re.findall(r"^\| `([a-z]+\.[a-z0-9-]+)` \|", f.read(), re.M))
problems = [f"used in lib/ but not in docs/diagnostics.md: {c}" for c in sorted(used - documented)]
problems += [f"documented but never used: {c}" for c in sorted(documented - used)]
for p in problems:
    print(p)
print(f"{len(used)} codes checked: {'ok' if not problems else 'FAILED'}")
sys.exit(1 if problems else 0)
