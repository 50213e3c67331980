#!/usr/bin/env python3
"""Holds the diagnostic code registry and docs/diagnostics.md together.

lib/isms/base/codes.def declares every code once (name, severity, section);
docs/diagnostics.md lists each under the heading whose <a id> is that
section, with the same severity. Every declared code is reported somewhere
in lib/, and no code is spelled as a string literal outside the registry.
"""
import os
import re
import sys

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lib = os.path.join(repo, "lib", "isms")

registry = {}
with open(os.path.join(lib, "base", "codes.def"), encoding="utf-8") as f:
    for m in re.finditer(r'^ISMS_DIAGNOSTIC\((\w+),\s*"([^"]+)",\s*(\w+),\s*(\w+)\)', f.read(), re.M):
        registry[m.group(2)] = (m.group(1), m.group(3).lower(), m.group(4))

documented, section = {}, None
with open(os.path.join(repo, "docs", "diagnostics.md"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r'<a id="([a-z-]+)"></a>', line)
        if m:
            section = m.group(1)
        m = re.match(r"^\| `([a-z]+\.[a-z0-9-]+)` \| ([a-z]+) \|", line)
        if m:
            documented[m.group(1)] = (m.group(2), section)

sources = {}
for folder, _, names in os.walk(lib):
    for name in names:
        if name.endswith((".cpp", ".h")):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                sources[os.path.relpath(os.path.join(folder, name), repo)] = f.read()

problems = []
for code in sorted(set(registry) - set(documented)):
    problems.append(f"declared in codes.def but not in docs/diagnostics.md: {code}")
for code in sorted(set(documented) - set(registry)):
    problems.append(f"documented but not declared in codes.def: {code}")
for code in sorted(set(registry) & set(documented)):
    ident, severity, key = registry[code]
    doc_severity, doc_section = documented[code]
    if severity != doc_severity:
        problems.append(f"{code}: codes.def says {severity}, docs/diagnostics.md says {doc_severity}")
    if key != doc_section:
        problems.append(f"{code}: codes.def puts it in section '{key}', docs/diagnostics.md in '{doc_section}'")
    if not any(f"DiagCode::{ident}" in text for text in sources.values()):
        problems.append(f"{code}: declared but never reported (no DiagCode::{ident} in lib/)")
literal = re.compile(r'"((?:%s)\.[a-z0-9-]+)"' % "|".join(sorted({c.split(".")[0] for c in registry})))
for path, text in sorted(sources.items()):
    for code in sorted(set(literal.findall(text)) & set(registry)):
        problems.append(f"{path}: the code {code} spelled as a string; use DiagCode")
for p in problems:
    print(p)
print(f"{len(registry)} codes checked: {'ok' if not problems else 'FAILED'}")
sys.exit(1 if problems else 0)
