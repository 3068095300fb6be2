#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the interface catalogues a translator sends: each one compiles
with msgfmt --check (so every c-format translation has the same
placeholders as its source; the guidance's {path:ID} are compared here),
is 100% translated with nothing fuzzy, keeps
each mnemonic underscore, and leaves no string identical to English
unless tests/data/po-identical.tsv says it is a name or literal syntax,
and addresses the reader as Apple's support pages in that language do.

usage: check-po.py PO_DIR ALLOWED_TSV
"""
import pathlib
import re
import subprocess
import sys


def entries(path):
    """(msgctxt, msgid, [msgstr...], flags) for each entry but the header."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        fields = {}
        flags = ""
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags = line
            elif line.startswith("#"):
                continue
            else:
                m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
                if m:
                    key = m.group(1)
                    fields[key] = m.group(2)
                elif line.startswith('"') and key:
                    fields[key] += line[1:-1]
        if fields.get("msgid"):
            strs = [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]
            yield fields.get("msgctxt"), fields["msgid"], strs, flags


# How each language addresses the reader: as Apple's own support pages
# in it do (German "du", Spanish "tú", French "vous"); words of the other
# address must not appear in a translation.
OTHER_ADDRESS = {
    "de": re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b"),
    "es": re.compile(r"\b(usted|ustedes)\b", re.IGNORECASE),
}


def main():
    po_dir, allowed_path = map(pathlib.Path, sys.argv[1:])
    allowed = set()
    for line in allowed_path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, msgid = line.split("\t", 1)
            allowed.add((lang, msgid))
    languages = (po_dir / "LINGUAS").read_text().split()
    problems = []
    if not languages:
        problems.append("po/LINGUAS lists no language")
    for lang in languages:
        path = po_dir / f"{lang}.po"
        run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f"{lang}: msgfmt --check: {run.stderr.strip()}")
        if "fuzzy" in run.stderr or "untranslated" in run.stderr:
            problems.append(f"{lang}: not complete: {run.stderr.strip()}")
        for ctxt, msgid, strs, flags in entries(path):
            if "fuzzy" in flags:
                problems.append(f"{lang}: fuzzy: {msgid}")
            for msgstr in strs:
                if lang in OTHER_ADDRESS and OTHER_ADDRESS[lang].search(msgstr):
                    problems.append(f"{lang}: addresses the reader the other way: {msgstr}")
                if not msgstr:
                    problems.append(f"{lang}: untranslated: {msgid}")
                elif msgstr == msgid and (lang, msgid) not in allowed:
                    problems.append(f"{lang}: identical to English: {msgid}")
                if msgstr and sorted(re.findall(r"\{path:[^}\s]*\}", msgstr)) != sorted(re.findall(r"\{path:[^}\s]*\}", msgid)):
                    problems.append(f"{lang}: the {{path:…}} differ from the English: {msgid} -> {msgstr}")
                if re.search(r"_[^\W_]", msgid) and msgid.count("_") == 1 and msgstr.count("_") != 1:
                    problems.append(f"{lang}: mnemonic lost: {msgid} -> {msgstr}")
    for problem in problems:
        print(problem)
    print(f"{len(languages)} catalogues checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
