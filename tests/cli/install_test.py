#!/usr/bin/env python3
"""What `cmake --install` and CPack produce, used as a user would.

install: installs the build into a temporary prefix and runs the installed
binary on the example store it installed; checks the man pages render
without warnings and name every command, the completions load, and the
schemas and documentation are in place.

packages (--packages): builds the .debs and the .tar.gz with CPack, checks
the .deb's dependencies came from dpkg-shlibdeps, unpacks both and runs the
binary from each; the packaged binary is stripped and isms-obj-dbgsym holds
its debugging information under its build id; lintian (--pedantic, info
tags shown) reports no error and no warning on either .deb, and every info
tag it reports is one docs/packaging.md lists and justifies. Skipped (77)
without dpkg-deb, unless CI=true."""
import argparse
import gzip
import os
import re
import subprocess
import shutil
import sys
import tarfile
import tempfile

from checks import check, commands_of, failures, finish, run

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))



def exercise(prefix, label):
    """Checks an installed tree: `prefix` holds bin/ and share/."""
    binary = os.path.join(prefix, "bin", "isms-obj")
    if not check(os.access(binary, os.X_OK), f"{label}: no executable bin/isms-obj"):
        return
    r = run([binary, "--version"])
    check(r.returncode == 0 and r.stdout.startswith("isms-obj "), f"{label}: --version: {r.stdout!r} {r.stderr!r}")
    share = os.path.join(prefix, "share")
    doc = os.path.join(share, "doc", "isms-obj")
    for rel in ("README.md", "copyright", "changelog.gz", "cli.md", "formats.md", "diagnostics.md", "integration.md",
                "examples/ci/github-workflow.yml", "examples/pre-commit/.pre-commit-hooks.yaml"):
        check(os.path.isfile(os.path.join(doc, rel)), f"{label}: doc/isms-obj/{rel} missing")
    for rel in ("bin/isms-obj-cron", "share/isms-obj/cron/year-end.sh", "share/isms-obj/cron/import-results.sh",
                "share/isms-obj/cron/status-chat.sh"):
        check(os.access(os.path.join(prefix, rel), os.X_OK), f"{label}: {rel} missing or not executable")
    for rel in ("crontab", "review-branch.sh"):
        check(os.path.isfile(os.path.join(share, "isms-obj", "cron", rel)), f"{label}: cron/{rel} missing")
    # Nothing a command leaves in a store (locks, caches) is shipped; the
    # example store's own schemas, which its records' modelines name, are.
    working = [os.path.join(d, n) for d, dirs, files in os.walk(doc) for n in dirs + files
               if os.path.basename(d) == ".isms-obj" and n in ("cache", "lock")]
    check(not working, f"{label}: working files installed: {working}")
    schemas = sorted(os.listdir(os.path.join(share, "isms-obj", "schemas")))
    check(len(schemas) == 9 and all(s.endswith(".schema.json") for s in schemas), f"{label}: schemas {schemas}")
    example_schemas = os.path.join(doc, "examples", "university", ".isms-obj", "schemas")
    source_schemas = os.path.join(REPO, "examples", "university", ".isms-obj", "schemas")
    check(os.path.isdir(example_schemas) and sorted(os.listdir(example_schemas)) == sorted(os.listdir(source_schemas)),
          f"{label}: the example store's schemas are not installed with it")

    # The installed binary on the example store the package installed.
    work = tempfile.mkdtemp(prefix="isms-obj-installed-")
    try:
        store = os.path.join(work, "store")
        shutil.copytree(os.path.join(doc, "examples", "university"), store)
        r = run([binary, "--store", store, "--today", "2026-11-24", "validate"])
        check(r.returncode == 0, f"{label}: validate on the installed example: {r.returncode} {r.stderr[-500:]}")
        r = run([binary, "--store", store, "--today", "2026-11-24", "report", "--year", "2026", "--quarter", "3"])
        check(r.returncode == 0 and "115年度" in r.stdout, f"{label}: report: {r.returncode} {r.stderr[-300:]}")

        # Man pages, compressed (Debian policy 12.1): one per command plus
        # isms-obj(1) and isms-obj-cron(1), each rendering cleanly.
        man1 = os.path.join(share, "man", "man1")
        pages = sorted(p for p in os.listdir(man1)) if os.path.isdir(man1) else []
        wanted = sorted(["isms-obj.1.gz", "isms-obj-cron.1.gz"] + [f"isms-obj-{c}.1.gz" for c in commands_of(binary)])
        check(pages == wanted, f"{label}: man pages {pages} != {wanted}")
        for page in pages:
            with gzip.open(os.path.join(man1, page)) as f:
                source = f.read()
            r = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z"], input=source, capture_output=True,
                               env={**os.environ, "LC_ALL": "C.UTF-8"})
            check(r.returncode == 0 and not r.stderr, f"{label}: groff warnings in {page}: {r.stderr!r}")
        # Every page reads in the POSIX locale too (ASCII output): no troff
        # warning, the English text whole; a command's page has every section
        # a reader looks for, and a DESCRIPTION of its own.
        for page in pages:
            r = run(["man", "-l", os.path.join(man1, page)], env={**os.environ, "MANWIDTH": "80", "LC_ALL": "C"})
            check(r.returncode == 0 and not r.stderr and r.stdout.isascii(),
                  f"{label}: {page} in the POSIX locale: {r.stderr[:300]!r}")
            if page in ("isms-obj.1.gz", "isms-obj-cron.1.gz"):
                continue
            sections = re.findall(r"^([A-Z][A-Z ]+)$", r.stdout, re.M)
            wanted_sections = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXAMPLES", "EXIT STATUS", "ENVIRONMENT",
                               "FILES", "SEE ALSO"]
            check(sections == wanted_sections, f"{label}: {page} has the sections {sections}")
            name = r.stdout.split("NAME\n")[1].split("SYNOPSIS")[0]
            summary = " ".join(name.split(" - ", 1)[-1].split())
            description = " ".join(r.stdout.split("DESCRIPTION\n")[1].split("OPTIONS\n")[0].split())
            check(len(description) > len(summary) + 40, f"{label}: {page}'s DESCRIPTION repeats its NAME")
        r = run(["man", "-l", os.path.join(man1, "isms-obj-report.1.gz")],
                env={**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8"})
        check(r.returncode == 0 and "--format" in r.stdout and "§5.6" in r.stdout,
              f"{label}: man isms-obj-report renders without its options: {r.stdout[:300]!r}")
        r = run(["man", "-l", os.path.join(man1, "isms-obj.1.gz")], env={**os.environ, "MANWIDTH": "200"})
        for c in commands_of(binary):
            check(f"isms-obj-{c}(1)" in r.stdout, f"{label}: isms-obj(1) does not refer to isms-obj-{c}(1)")
        # DESCRIPTION is docs/man/isms-obj.h2m's, not --help's first line again.
        check("isms-obj: information-security" not in r.stdout, f"{label}: isms-obj(1) repeats --help's title line")

        # Completions where bash-completion and zsh look for them, loading.
        bash_file = os.path.join(share, "bash-completion", "completions", "isms-obj")
        zsh_file = os.path.join(share, "zsh", "vendor-completions", "_isms-obj")
        check(os.path.isfile(zsh_file) and open(zsh_file, encoding="utf-8").readline().startswith("#compdef isms-obj"),
              f"{label}: zsh completion missing")
        r = run(["bash", "-c", f"source {bash_file} && complete -p isms-obj"])
        check(r.returncode == 0 and "_isms_obj" in r.stdout, f"{label}: bash completion: {r.stdout!r} {r.stderr!r}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_id(path):
    notes = run(["readelf", "-n", path]).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", notes)
    return m.group(1) if m else None


def check_debug_split(binary, dbgsym, work):
    """The packaged binary has no debugging information and no .comment;
    the dbgsym package holds it under the binary's build id."""
    sections = run(["readelf", "-S", "-W", binary]).stdout
    check(".debug_info" not in sections and ".comment" not in sections and ".symtab" not in sections,
          "deb: usr/bin/isms-obj is not stripped")
    bid = build_id(binary)
    if not check(bid is not None, "deb: usr/bin/isms-obj has no build id"):
        return
    root = os.path.join(work, "dbgsym")
    check(run(["dpkg-deb", "-x", dbgsym, root]).returncode == 0, "dpkg-deb -x dbgsym failed")
    debug = os.path.join(root, "usr", "lib", "debug", ".build-id", bid[:2], bid[2:] + ".debug")
    if check(os.path.isfile(debug), f"dbgsym: no {debug}"):
        check(".debug_info" in run(["readelf", "-S", "-W", debug]).stdout, "dbgsym: the .debug file has no .debug_info")
        check(build_id(debug) == bid, "dbgsym: the .debug file's build id differs from the binary's")
    check(run(["dpkg-deb", "-f", dbgsym, "Depends"]).stdout.strip() == "isms-obj (= " +
          run(["dpkg-deb", "-f", dbgsym, "Version"]).stdout.strip() + ")", "dbgsym: Depends is not isms-obj (= VERSION)")


def documented_info_tags():
    """The info tags docs/packaging.md keeps, with a reason, in its table."""
    with open(os.path.join(REPO, "docs", "packaging.md"), encoding="utf-8") as f:
        return set(re.findall(r"^\| `([a-z0-9-]+)` \|", f.read(), re.M))


def check_lintian(debs):
    if not shutil.which("lintian"):
        if os.environ.get("CI") == "true":
            failures.append("lintian is not installed")
        else:
            print("lintian not installed: its check skipped")
        return
    r = run(["lintian", "--pedantic", "--display-info", "--tag-display-limit", "0", *debs])
    tags = [line for line in r.stdout.splitlines() if re.match(r"^[EWIPX]: ", line)]
    bad = [t for t in tags if t[0] in "EW"]
    check(not bad, "lintian errors or warnings:\n  " + "\n  ".join(bad))
    allowed = documented_info_tags()
    undocumented = [t for t in tags if t[0] in "IPX" and t.split()[2] not in allowed]
    check(not undocumented, "lintian tags docs/packaging.md does not list:\n  " + "\n  ".join(undocumented))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True, help="the build directory")
    ap.add_argument("--packages", action="store_true")
    # A build with the sanitizers: its packages are never shipped, and
    # lintian rightly finds them unhardened (the sanitizers replace the
    # fortified functions); lintian judges release builds only.
    ap.add_argument("--instrumented", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="isms-obj-install-")
    try:
        if not a.packages:
            prefix = os.path.join(work, "prefix")
            r = run(["cmake", "--install", a.build, "--prefix", prefix])
            if check(r.returncode == 0, f"cmake --install: {r.stdout} {r.stderr}"):
                exercise(prefix, "install")
        else:
            if not shutil.which("dpkg-deb"):
                if os.environ.get("CI") == "true":
                    failures.append("dpkg-deb is not installed")
                else:
                    print("dpkg-deb not installed: skipped")
                    return 77
            out = os.path.join(work, "packages")
            r = run(["cpack", "--config", os.path.join(a.build, "CPackConfig.cmake"), "-B", out])
            if not check(r.returncode == 0, f"cpack: {r.stdout[-2000:]} {r.stderr[-2000:]}"):
                return finish()
            debs = sorted((f for f in os.listdir(out) if f.endswith(".deb")), key=lambda f: f.split("_")[0])
            tgzs = [f for f in os.listdir(out) if f.endswith(".tar.gz")]
            check([d.split("_")[0] for d in debs] == ["isms-obj", "isms-obj-dbgsym"] and len(tgzs) == 1,
                  f"packages: {os.listdir(out)}")
            if len(debs) == 2:
                if not a.instrumented:
                    check_lintian([os.path.join(out, d) for d in debs])
                deb = os.path.join(out, debs[0])
                depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
                for lib in ("libyaml-cpp", "libfmt", "libssl", "libc6", "libstdc++6", "libcsv", "libutf8proc"):
                    check(lib in depends, f".deb Depends lacks {lib}: {depends!r}")
                check(run(["dpkg-deb", "-f", deb, "Package"]).stdout.strip() == "isms-obj", ".deb package name")
                root = os.path.join(work, "deb")
                check(run(["dpkg-deb", "-x", deb, root]).returncode == 0, "dpkg-deb -x failed")
                exercise(os.path.join(root, "usr"), "deb")
                check_debug_split(os.path.join(root, "usr", "bin", "isms-obj"), os.path.join(out, debs[1]), work)
            if tgzs:
                root = os.path.join(work, "tgz")
                with tarfile.open(os.path.join(out, tgzs[0])) as t:
                    t.extractall(root)
                tops = os.listdir(root)
                if check(len(tops) == 1, f".tar.gz has one top directory: {tops}"):
                    exercise(os.path.join(root, tops[0]), "tar.gz")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
