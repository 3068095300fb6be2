#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every file with strings a person reads must be in po/POTFILES.in, or
its strings never reach translators.

usage: check-potfiles.py SOURCE_ROOT
"""
import pathlib
import re
import sys

C_MARKS = re.compile(r'\b(_|N_|C_|NC_|ngettext)\s*\(\s*"')


def needs_translation(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".c":
        return bool(C_MARKS.search(text))
    if path.suffix == ".ui":
        return 'translatable="yes"' in text
    return False


def main():
    root = pathlib.Path(sys.argv[1])
    listed = {
        line.strip()
        for line in (root / "po" / "POTFILES.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    missing = []
    for pattern in ("src/**/*.c", "ui/*.ui"):
        for path in sorted(root.glob(pattern)):
            relative = str(path.relative_to(root))
            if needs_translation(path) and relative not in listed:
                missing.append(relative)
    stale = sorted(name for name in listed if not (root / name).exists())
    for name in missing:
        print(f"{name} has translatable strings but is not in po/POTFILES.in")
    for name in stale:
        print(f"po/POTFILES.in lists {name}, which does not exist")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
