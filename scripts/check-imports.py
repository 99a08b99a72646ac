#!/usr/bin/env python3
"""Each target imports exactly what Package.swift declares for it.

A module imported but not declared builds today only because another dependency happens to
bring it in (Store used Markup through Content); one declared but never imported is a
dependency in name only. SwiftPM's --explicit-target-dependency-import-check does not catch
the first with this toolchain's build system, so this reads the sources itself.

    python3 scripts/check-imports.py        (from the package root; exit status 1 on a mismatch)
"""
import json
import pathlib
import re
import subprocess
import sys

# Modules of the toolchain and the system, never declared in Package.swift.
SYSTEM = {"Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Dispatch", "Glibc", "Musl", "Darwin",
          "Testing", "XCTest", "Synchronization", "_Concurrency", "os"}
# A product named differently from the module it provides.
PRODUCT_MODULES = {}

root = pathlib.Path(__file__).resolve().parent.parent
package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                                    capture_output=True, text=True).stdout)
IMPORT = re.compile(r"^(?:@[\w()\s,:]+\s+)?(?:public\s+|internal\s+|private\s+|fileprivate\s+|package\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|typealias)\s+)?(\w+)")


def imports(text):
    """The modules a file imports: its import lines, which come before its first declaration
    (an `import gzip` inside a Python script in a string literal further down is not one)."""
    found = []
    in_comment = False
    for line in text.splitlines():
        s = line.strip()
        if in_comment:
            in_comment = "*/" not in s
            continue
        if s.startswith("/*"):
            in_comment = "*/" not in s
            continue
        if not s or s.startswith("//") or s.startswith("#if") or s.startswith("#else") or s.startswith("#elseif") or s.startswith("#endif"):
            continue
        m = IMPORT.match(s)
        if not m:
            break
        found.append(m.group(1))
    return found

problems = []
for target in package["targets"]:
    if target["type"] not in ("regular", "executable", "test"):
        continue
    name = target["name"]
    default = ("Tests/" if target["type"] == "test" else "Sources/") + name
    folder = root / (target.get("path") or default)
    declared = set()
    for dep in target["dependencies"]:
        kind, value = next(iter(dep.items()))
        declared.add(PRODUCT_MODULES.get(value[0], value[0]))
    imported = {}
    for source in sorted(folder.rglob("*.swift")):
        for module in imports(source.read_text(encoding="utf-8")):
            imported.setdefault(module, source.relative_to(root))
    for module, source in sorted(imported.items()):
        if module not in declared and module not in SYSTEM and module != name:
            problems.append(f"{source}: imports {module}, which Package.swift does not declare for {name}")
    for module in sorted(declared - set(imported)):
        # A C wrapper can be needed only for linking by a module that imports none of its headers.
        problems.append(f"Package.swift: {name} declares {module} but none of its files imports it")

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
