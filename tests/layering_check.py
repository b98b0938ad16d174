#!/usr/bin/env python3
"""Fails when a module under src/ includes a module its CMakeLists.txt does not list in DEPS.

The arrows of ARCHITECTURE.md point one way; this keeps them so.
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(__file__))
src = os.path.join(root, "src")
modules = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))


def allowed_deps(mod):
    path = os.path.join(src, mod, "CMakeLists.txt")
    if not os.path.exists(path):
        return set()
    text = open(path).read()
    deps = set()
    for m in re.finditer(r"DEPS([^)]*?)(?:LIBS|SOURCES|\))", text, re.S):
        deps.update(m.group(1).split())
    # Dependencies are transitive: a module may include what its dependencies may include.
    return deps


closure = {}


def transitive(mod, seen=None):
    if mod in closure:
        return closure[mod]
    seen = seen or set()
    out = set()
    for d in allowed_deps(mod):
        if d in seen:
            continue
        out.add(d)
        out |= transitive(d, seen | {mod})
    closure[mod] = out
    return out


include_re = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/')
errors = []
for mod in modules:
    ok = transitive(mod) | {mod}
    for dirpath, _, files in os.walk(os.path.join(src, mod)):
        for f in files:
            if not f.endswith((".h", ".cc")):
                continue
            path = os.path.join(dirpath, f)
            for lineno, line in enumerate(open(path, errors="replace"), 1):
                m = include_re.match(line)
                if m and m.group(1) in modules and m.group(1) not in ok:
                    errors.append(f"{os.path.relpath(path, root)}:{lineno}: module '{mod}' may not "
                                  f"include '{m.group(1)}' (allowed: {', '.join(sorted(ok))})")
for e in errors:
    print(e)
print(f"layering: {len(modules)} modules checked, {len(errors)} violations")
sys.exit(1 if errors else 0)
