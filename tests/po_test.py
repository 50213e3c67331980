#!/usr/bin/env python3
"""Every message of the sources is translated in every catalog, and every
translation fits its message: fmt placeholders either all automatic ({},
as many as the English has) or all by position ({0}…, each below the
English's count), line ends kept. A translation that did not fit would be
replaced by the English at run time (base/i18n.h); this makes it a failure
instead. The messages are extracted afresh (po/update.sh OUT.pot), so a new
message without its translation fails here."""
import glob
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def entries(path):
    """msgid → (msgstr, fuzzy) of a .po/.pot file."""
    out = {}
    text = open(path, encoding="utf-8").read()
    for block in text.split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if not m:
            continue
        def unq(s):
            raw = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))
            return raw.encode().decode("unicode_escape").encode("latin1").decode("utf-8")
        mid = unq(m.group(1))
        if mid:
            out[mid] = (unq(m.group(2)), "#, fuzzy" in block or ", fuzzy" in block)
    return out


def placeholders(s):
    s = s.replace("{{", "").replace("}}", "")
    return re.findall(r"\{([0-9]*)(?::[^}]*)?\}", s)


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "isms-obj.pot")
        subprocess.run(["sh", os.path.join(REPO, "po", "update.sh"), pot], check=True)
        wanted = entries(pot)
    catalogs = sorted(glob.glob(os.path.join(REPO, "po", "*.po")))
    if not catalogs:
        failures.append("no catalog in po/")
    for path in catalogs:
        name = os.path.basename(path)
        have = entries(path)
        for mid in sorted(wanted):
            if mid not in have or not have[mid][0] or have[mid][1]:
                failures.append(f"{name}: no translation of {mid!r} (run sh po/update.sh and translate it)")
        for mid, (text, fuzzy) in sorted(have.items()):
            if not text:
                continue
            want, got = placeholders(mid), placeholders(text)
            manual = [p for p in got if p]
            if manual and len(manual) != len(got):
                failures.append(f"{name}: {text!r} mixes {{}} and {{N}}")
            elif manual and max(int(p) for p in manual) >= len(want):
                failures.append(f"{name}: {text!r} names an argument {mid!r} does not have")
            elif not manual and len(got) != len(want):
                failures.append(f"{name}: {text!r} has {len(got)} placeholders, {mid!r} has {len(want)}")
            if mid.endswith("\n") != text.endswith("\n"):
                failures.append(f"{name}: {text!r} does not keep the line end of {mid!r}")
        print(f"{name}: {len(wanted)} messages checked")
    for f in failures[:50]:
        print("FAIL " + f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
