#!/usr/bin/env python3
"""Validate clusterdns checklists against doc/checklist.schema.json (JSON Schema 2020-12).

usage: validate-checklist.py SCHEMA FILE...

Exit status: 0 when every FILE is valid; 1 when one or more are not, with one line per
problem on stderr ("FILE: PATH: message", PATH as clusterdns writes it: dns_servers[2].port);
2 for a usage error or a schema that is not itself valid; 77 (automake's "skipped") when
the Python module jsonschema (Debian: python3-jsonschema) is missing.

Stricter than json.load: the text must be UTF-8, and duplicate keys or NaN/Infinity make
a file invalid, as clusterdns never writes them.
"""

import json
import sys

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:
    print("validate-checklist.py: the Python module jsonschema is missing "
          "(apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(77)


class NotChecklistJSON(ValueError):
    pass


def no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise NotChecklistJSON("duplicate key %s" % json.dumps(key))
        obj[key] = value
    return obj


def no_constant(name):
    raise NotChecklistJSON("%s is not JSON" % name)


def load(path):
    with open(path, encoding="utf-8", errors="strict") as f:
        return json.load(f, object_pairs_hook=no_duplicates, parse_constant=no_constant)


def json_path(parts):
    """["dns_servers", 2, "port"] -> "dns_servers[2].port", as in clusterdns' messages."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += "[%d]" % part
        else:
            out += ("." if out else "") + str(part)
    return out or "(top)"


def describe(error):
    """jsonschema's message, without the whole instance when that is an object or a list."""
    value = error.validator_value
    if error.validator == "minItems":
        return "%d entries, expected at least %d" % (len(error.instance), value)
    if error.validator == "maxItems":
        return "%d entries, expected at most %d" % (len(error.instance), value)
    if error.validator == "maxLength":
        return "%d characters, expected at most %d" % (len(error.instance), value)
    if error.validator == "type" and isinstance(error.instance, (dict, list)):
        found = "an object" if isinstance(error.instance, dict) else "an array"
        return "%s, expected type %s" % (found, value)
    return error.message if len(error.message) <= 200 else error.message[:197] + "..."


def problems(validator, path):
    try:
        doc = load(path)
    except OSError as e:
        return ["cannot read: %s" % (e.strerror or e)]
    except UnicodeDecodeError as e:
        return ["not UTF-8 text: byte %d" % e.start]
    except json.JSONDecodeError as e:
        return ["not JSON: %s" % e]
    except NotChecklistJSON as e:
        return ["not JSON as clusterdns writes it: %s" % e]
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    return ["%s: %s" % (json_path(e.absolute_path), describe(e)) for e in errors]


def main(argv):
    if len(argv) < 3:
        print("usage: validate-checklist.py SCHEMA FILE...", file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError) as e:
        print("%s: cannot use this schema: %s" % (argv[1], e), file=sys.stderr)
        return 2
    except SchemaError as e:
        print("%s: not a valid JSON Schema: %s: %s"
              % (argv[1], json_path(e.absolute_path), e.message), file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema)
    status = 0
    for path in argv[2:]:
        found = problems(validator, path)
        for line in found:
            print("%s: %s" % (path, line), file=sys.stderr)
        if found:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
