#!/usr/bin/env python3
"""Validates a JSON document against one of QuangBa's CLI schemas (docs/cli-schemas/).

    python3 Tests/cli/validate_json.py SCHEMA_DIR SCHEMA_FILE JSON_FILE

The schemas refer to each other by $id (diagnostic.json, state.json, …); every schema of the
folder is registered so those references resolve offline. Exit status 0 when valid; otherwise
each error with its JSON path, and status 1.
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource

folder, schema_name, document = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
resources = []
for path in folder.glob("*.json"):
    schema = json.loads(path.read_text(encoding="utf-8"))
    resources.append((schema["$id"], Resource.from_contents(schema)))
registry = Registry().with_resources(resources)
schema = json.loads((folder / schema_name).read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(json.loads(pathlib.Path(document).read_text(encoding="utf-8"))), key=lambda e: list(e.path))
for e in errors:
    print(f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}")
sys.exit(1 if errors else 0)
