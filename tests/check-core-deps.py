#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The core must build without GTK: no src/core file may see a GTK,
GDK or libadwaita include directory.

usage: check-core-deps.py BUILD_DIR
"""
import json
import pathlib
import sys

FORBIDDEN = ("gtk-4.0", "libadwaita-1", "graphene-1.0", "gdk-pixbuf")


def main():
    commands = json.loads(pathlib.Path(sys.argv[1], "compile_commands.json").read_text())
    core = [c for c in commands if "/src/core/" in c["file"]]
    if not core:
        print("no src/core file in compile_commands.json")
        return 1
    bad = [c["file"] for c in core if any(f in c["command"] for f in FORBIDDEN)]
    for path in bad:
        print(f"{path} is compiled with GTK on its include path")
    print(f"{len(core)} core files checked")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
