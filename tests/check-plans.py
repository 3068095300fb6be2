#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every plan of the bundled guidance resolves for the iOS
versions people bring (and for "Not sure"): the CLI prints it without an
error or a warning, every step has its words, no {path:…} is left, and
the words differ where Apple moved a setting.

usage: check-plans.py CLI
"""
import json
import subprocess
import sys
import tempfile

VERSIONS = ["16.7", "17.5", "18.6", "26.1", "unsure"]


HOME = tempfile.mkdtemp(prefix="bd-plans-")
ENV = {"LC_ALL": "C.UTF-8", "LANGUAGE": "en", "PATH": "/usr/bin:/bin", "HOME": HOME,
       "XDG_CACHE_HOME": f"{HOME}/cache", "XDG_DATA_HOME": f"{HOME}/data",
       "XDG_CONFIG_HOME": f"{HOME}/config", "GSETTINGS_BACKEND": "memory"}


def run(cli, *args):
    done = subprocess.run([cli, *args], capture_output=True, text=True, env=ENV)
    return done.returncode, done.stdout, done.stderr


def main():
    cli = sys.argv[1]
    problems = []
    status, out, err = run(cli, "symptoms", "--json")
    if status != 0:
        print(f"symptoms failed: {err}")
        return 1
    symptoms = [s["id"] for s in json.loads(out)]
    words = {}
    for version in VERSIONS:
        for symptom in symptoms:
            status, out, err = run(cli, "plan", symptom, "--ios", version, "--tsv")
            if status != 0 or err:
                problems.append(f"plan {symptom} --ios {version}: exit {status}: {err.strip()}")
                continue
            for line in out.splitlines():
                guide, step, text = line.split("\t")
                if not text.strip() or "{path:" in text:
                    problems.append(f"{version} {guide}/{step}: {text!r}")
                words.setdefault((guide, step), {})[version] = text
    moved = words.get(("rebuild-imessage-sync", "open-messages-settings"), {})
    if "Settings > Apps > Messages" not in moved.get("26.1", "") or "Settings > Apps" in moved.get("17.5", "x"):
        problems.append(f"the Messages settings do not follow the version: {moved}")
    for problem in problems:
        print(problem)
    print(f"{len(symptoms)} plans checked for {', '.join(VERSIONS)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
