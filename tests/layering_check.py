#!/usr/bin/env python3
"""Fails when a module under src/ includes a module its CMakeLists.txt does not list in DEPS.

A module is a folder under src/ whose CMakeLists.txt calls zj_module(NAME ...); a nested
module (src/exec/functions) is its own module. The arrows of ARCHITECTURE.md point one way;
this keeps them so.
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = os.path.join(root, "src")

# module name -> (folder relative to src, allowed deps)
modules = {}
for dirpath, dirnames, files in os.walk(src):
    if "CMakeLists.txt" not in files:
        continue
    text = open(os.path.join(dirpath, "CMakeLists.txt")).read()
    m = re.search(r"zj_module\(\s*(\w+)(.*?)\)", text, re.S)
    if not m:
        continue
    deps = set()
    d = re.search(r"DEPS\s+([^)]*?)(?:\bLIBS\b|\bSOURCES\b|$)", m.group(2), re.S)
    if d:
        deps = set(d.group(1).split())
    modules[m.group(1)] = (os.path.relpath(dirpath, src), deps)

folder_to_module = {folder: name for name, (folder, _) in modules.items()}


def module_of_path(rel):
    """The module owning a path relative to src (deepest module folder that contains it)."""
    parts = rel.split("/")
    for n in range(len(parts) - 1, 0, -1):
        folder = "/".join(parts[:n])
        if folder in folder_to_module:
            return folder_to_module[folder]
    return None


closure = {}


def transitive(mod, stack=()):
    if mod in closure:
        return closure[mod]
    out = set()
    for d in modules.get(mod, ("", set()))[1]:
        if d in stack:
            continue
        out.add(d)
        out |= transitive(d, stack + (mod,))
    closure[mod] = out
    return out


include_re = re.compile(r'^\s*#\s*include\s+"([a-z_/]+\.h)"')
errors = []
checked = 0
for dirpath, _, files in os.walk(src):
    for f in files:
        if not f.endswith((".h", ".cc")):
            continue
        path = os.path.join(dirpath, f)
        owner = module_of_path(os.path.relpath(path, src))
        if owner is None:
            continue
        checked += 1
        ok = transitive(owner) | {owner}
        for lineno, line in enumerate(open(path, errors="replace"), 1):
            m = include_re.match(line)
            if not m or not os.path.exists(os.path.join(src, m.group(1))):
                continue
            target = module_of_path(m.group(1))
            if target and target not in ok:
                errors.append(f"{os.path.relpath(path, root)}:{lineno}: module '{owner}' may not "
                              f"include '{m.group(1)}' of module '{target}' "
                              f"(allowed: {', '.join(sorted(ok))})")
for e in errors:
    print(e)
print(f"layering: {len(modules)} modules, {checked} files checked, {len(errors)} violations")
sys.exit(1 if errors else 0)
