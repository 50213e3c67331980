#!/usr/bin/env python3
"""The core library's layering, checked two ways.

1. The compiler refuses an upward include: the store-layer probe that
   includes a rules header fails with that header not found, and its control
   (lower layers only) builds.
2. The module graph of lib/isms (a module is a .h/.cpp pair, an arrow an
   #include) has every arrow pointing to the same or a lower layer, no
   relative includes, and no cycle between modules. `--graph` prints it.
3. Every module has its unit-test file, tests/unit/test_<layer>_<module>.cpp.
"""
import argparse
import os
import re
import subprocess
import sys

LAYERS = ["base", "sys", "format", "store", "rules", "ops", "views", "render"]
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)


def modules(source):
    root = os.path.join(source, "lib", "isms")
    graph, problems = {}, []
    for layer in sorted(os.listdir(root)):
        folder = os.path.join(root, layer)
        if not os.path.isdir(folder):
            continue
        if layer not in LAYERS:
            problems.append(f"lib/isms/{layer}/ is not a layer of ARCHITECTURE.md")
            continue
        for name in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(name)
            if ext not in (".h", ".cpp"):
                continue
            module = f"{layer}/{stem}"
            deps = graph.setdefault(module, set())
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for inc in INCLUDE.findall(f.read()):
                    if not inc.startswith("isms/"):
                        problems.append(f"lib/isms/{layer}/{name}: relative include \"{inc}\"")
                        continue
                    target = inc[len("isms/"):].rsplit(".", 1)[0]
                    to_layer = target.split("/")[0]
                    if to_layer not in LAYERS or "/" not in target:
                        problems.append(f"lib/isms/{layer}/{name}: \"{inc}\" is in no layer")
                        continue
                    if LAYERS.index(to_layer) > LAYERS.index(layer):
                        problems.append(f"lib/isms/{layer}/{name}: upward include \"{inc}\"")
                    if target != module:
                        deps.add(target)
    return graph, problems


def cycles(graph):
    found, state, stack = [], {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                found.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return found


def build(build_dir, target):
    p = subprocess.run(["cmake", "--build", build_dir, "--target", target],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build")
    ap.add_argument("--graph", action="store_true", help="print the module graph and stop")
    args = ap.parse_args()

    graph, problems = modules(args.source)
    if args.graph:
        for m in sorted(graph, key=lambda m: (LAYERS.index(m.split("/")[0]), m)):
            print(f"{m}: {' '.join(sorted(graph[m]))}")
        print(f"{len(graph)} modules, {sum(len(d) for d in graph.values())} arrows, "
              f"{len(cycles(graph))} cycles")
        return 0
    for c in cycles(graph):
        problems.append("module cycle: " + " -> ".join(c))
    # Every module has its unit-test file (ARCHITECTURE.md, Tests).
    for m in sorted(graph):
        if m == "base/codes":
            continue  # the code registry, a .def included by base/diagnostic
        test = os.path.join(args.source, "tests", "unit", "test_" + m.replace("/", "_") + ".cpp")
        if not os.path.exists(test):
            problems.append(f"lib/isms/{m} has no unit-test file {os.path.relpath(test, args.source)}")

    if args.build:
        rc, out = build(args.build, "layering_downward")
        if rc != 0:
            problems.append("the control probe (lower layers only) does not build:\n" + out)
        rc, out = build(args.build, "layering_upward")
        if rc == 0:
            problems.append("the upward include built: the store layer can see the rules layer")
        elif "isms/rules/validate.h: No such file or directory" not in out:
            problems.append("the upward probe failed, but not for the missing header:\n" + out)

    for p in problems:
        print(p)
    print(f"{len(graph)} modules in {len(LAYERS)} layers: {'ok' if not problems else 'FAILED'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
