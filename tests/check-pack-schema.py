#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks data/guidance/guidance-pack.schema.json against the packs.

The C loader is the real gate; this keeps the documentation honest: the
schema is valid JSON Schema 2020-12, accepts the bundled and test packs,
and rejects every bad pack whose problem a schema can express.

usage: check-pack-schema.py SCHEMA BUNDLED_PACK TESTS_DATA_DIR
"""
import json
import pathlib
import sys

import jsonschema

# Kinds a JSON Schema states exactly. Others (duplicate ids, integers
# written as 1.0, languages not listed, whole-string patterns) only the
# loader can check.
EXPRESSIBLE = {"missing", "unknown-member", "bad-format", "too-many", "bad-value", "out-of-range"}


def main():
    schema_path, bundled_path, data_dir = sys.argv[1:4]
    schema = json.loads(pathlib.Path(schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    failures = []
    good = [pathlib.Path(bundled_path), pathlib.Path(data_dir, "packs", "minimal.json")]
    for path in good:
        errors = list(validator.iter_errors(json.loads(path.read_text())))
        if errors:
            failures.append(f"{path.name}: the schema rejects a good pack: {errors[0].message}")

    checked = 0
    for expect in sorted(pathlib.Path(data_dir, "bad-packs").glob("*.expect")):
        kinds = {line.split("\t")[1] for line in expect.read_text().splitlines()}
        if not kinds <= EXPRESSIBLE:
            continue
        pack = json.loads(expect.with_suffix(".json").read_bytes())
        checked += 1
        if validator.is_valid(pack):
            failures.append(f"{expect.stem}: the schema accepts a pack the loader refuses ({', '.join(sorted(kinds))})")

    for failure in failures:
        print(failure)
    print(f"schema checked against {len(good)} good and {checked} bad packs")
    if checked < 20:
        print("too few bad packs were checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
