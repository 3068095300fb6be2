#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that corrected facts stay corrected: no English string of the
guidance pack matches a pattern of tests/data/guidance-corrected.tsv,
every caution that a reset or a sign-out costs names what is really lost,
the third-party plans hold no fix that cannot help them, and every
reference points at the article it names (a site's front page only for
the site itself).

Format 2 packs also: every setting path ("Settings > ...") of a text is
in the pack's paths table and texts name it as {path:ID}; every {path:ID}
is in the table; no variant (of a path or a step) can never be chosen,
and two variants for the same device never cover the same iOS version.
The older words a path variant keeps are exempt from the corrected
patterns: they are right for the versions their variant names.

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


PLACEHOLDER = re.compile(r"\{path:([^}]*)\}")
RANGE_PART = re.compile(r"^(<=|>=|<|>|=)([0-9]+(?:\.[0-9]+)?)$")


def version(text):
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def interval(rng):
    """The iOS versions a RANGE covers, as [low, high) with inclusive flags."""
    low, low_in, high, high_in = (0, 0, 0), True, (10 ** 6, 0, 0), True
    for part in rng.split(" "):
        m = RANGE_PART.match(part)
        if not m:
            raise ValueError(f"bad range “{rng}”")
        op, v = m.group(1), version(m.group(2))
        if op in (">", ">=") and (v > low or (v == low and op == ">")):
            low, low_in = v, op == ">="
        if op in ("<", "<=") and (v < high or (v == high and op == "<")):
            high, high_in = v, op == "<="
        if op == "=":
            low, low_in, high, high_in = v, True, v, True
    return low, low_in, high, high_in


def overlap(a, b):
    (al, ali, ah, ahi), (bl, bli, bh, bhi) = interval(a), interval(b)
    lo, lo_in = max((al, ali), (bl, bli), key=lambda x: (x[0], not x[1]))
    hi, hi_in = min((ah, ahi), (bh, bhi), key=lambda x: (x[0], x[1]))
    return lo < hi or (lo == hi and lo_in and hi_in)


def covers(a, b):
    """Whether WHEN a holds wherever WHEN b holds."""
    if "device" in a and a.get("device") != b.get("device"):
        return False
    if "ios" not in a:
        return True
    if "ios" not in b:
        return False
    (al, ali, ah, ahi), (bl, bli, bh, bhi) = interval(a["ios"]), interval(b["ios"])
    low_ok = al < bl or (al == bl and (ali or not bli))
    high_ok = ah > bh or (ah == bh and (ahi or not bhi))
    return low_ok and high_ok


def check_variants(where, variants, problems):
    for i, v in enumerate(variants):
        when = v.get("when", {})
        if when.get("device") == "mac" and "ios" in when:
            problems.append(f"{where}/variants/{i}: a mac variant cannot name an iOS range")
        for j in range(i):
            earlier = variants[j].get("when", {})
            if covers(earlier, when):
                problems.append(f"{where}/variants/{i} can never be chosen: variant {j} comes first and covers it")
            elif ("ios" in when and "ios" in earlier and when.get("device") == earlier.get("device")
                  and overlap(when["ios"], earlier["ios"])):
                problems.append(f"{where}/variants/{i} and {j} cover the same iOS versions")


def check_format2(pack, problems):
    paths = {p["id"]: p for p in pack.get("paths", [])}
    for pid, p in paths.items():
        check_variants(f"paths/{pid}", p.get("variants", []), problems)
    for g in pack["guides"]:
        if not g.get("checked"):
            problems.append(f"guides/{g['id']}: no checked versions")
        for s in g["steps"]:
            check_variants(f"guides/{g['id']}/steps/{s['id']}", s.get("variants", []), problems)
    for where, text in english(pack):
        for pid in PLACEHOLDER.findall(text):
            if pid not in paths:
                problems.append(f"{where}: {{path:{pid}}} is not in the paths table")
        if not where.startswith("/paths/") and "Settings >" in PLACEHOLDER.sub("", text):
            problems.append(f"{where}: “{text}” names a setting path outside the paths table; use {{path:ID}}")


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
        if re.match(r"^/paths/[^/]+/variants/", path):
            continue  # older words, right for the versions their variant names
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
    if pack.get("format", 1) >= 2:
        check_format2(pack, problems)
    for problem in problems:
        print(problem)
    print(f"{len(patterns)} corrected facts and {len(MUST_SAY)} cautions checked")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
