#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a JSON Schema of ours against the inputs the C code is tested on.

The C loaders are the real gate; this keeps the documentation honest: the
schema is valid JSON Schema 2020-12, accepts every good file, and rejects
every bad file (a directory of NAME.json + NAME.expect) whose problem a
schema can express.

usage: check-schema.py SCHEMA BAD_DIR GOOD_FILE...

BAD_DIR "-" is for a schema of what Badge Doctor writes (the report): no
loader refuses anything there, so only the good files are checked.
"""
import json
import pathlib
import sys

import jsonschema

# Kinds a JSON Schema states exactly. Others (duplicate ids, integers
# written as 1.0, languages not listed, whole-string patterns, real dates)
# only the loaders can check.
EXPRESSIBLE = {"missing", "unknown-member", "bad-format", "too-many", "bad-value", "out-of-range"}


def main():
    schema_path, bad_dir, *good = sys.argv[1:]
    schema = json.loads(pathlib.Path(schema_path).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    failures = []
    for path in map(pathlib.Path, good):
        errors = list(validator.iter_errors(json.loads(path.read_text())))
        if errors:
            failures.append(f"{path.name}: the schema rejects a good file: {errors[0].message}")

    checked = 0
    expects = [] if bad_dir == "-" else sorted(pathlib.Path(bad_dir).glob("*.expect"))
    for expect in expects:
        kinds = {line.split("\t")[1] for line in expect.read_text().splitlines()}
        if not kinds <= EXPRESSIBLE:
            continue
        try:
            document = json.loads(expect.with_suffix(".json").read_bytes())
        except ValueError:
            continue  # refused before the schema's level (a phase-1 finding)
        checked += 1
        if validator.is_valid(document):
            failures.append(f"{expect.stem}: the schema accepts a file the loader refuses ({', '.join(sorted(kinds))})")

    for failure in failures:
        print(failure)
    print(f"{pathlib.Path(schema_path).name}: checked against {len(good)} good and {checked} bad files")
    if bad_dir != "-" and checked < 20:
        print("too few bad files were checked")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
