#!/usr/bin/env python3
"""Checks manifests against Kubernetes' published OpenAPI v3 schemas.

Usage: validate_schema.py OPENAPI_V3_DIR FILE...

OPENAPI_V3_DIR is api/openapi-spec/v3 of the k8s.io/kubernetes module (the
version kubectl is built from). Every object must have a schema (by apiVersion
and kind); every field must be known, scalars must have the schema's type
(int-or-string and quantities accepted as either), enums must hold, required
fields must be present and `format: byte` fields must be base64. Prints each
problem with its path and exits 1 if there is any.

This is a stand-in for `kubectl apply --dry-run=server` until the tests have a
real kube-apiserver: it sees field names and types, not the server's
validation rules.
"""

import base64
import binascii
import glob
import json
import os
import sys

import yaml

SCALARS = {"string": (str,), "integer": (int,), "boolean": (bool,), "number": (int, float)}


class Validator:
    def __init__(self, spec_dir):
        self.schemas = {}
        files = glob.glob(os.path.join(spec_dir, "*.json"))
        if not files:
            raise SystemExit(f"no OpenAPI v3 files in {spec_dir}")
        for f in files:
            with open(f, encoding="utf-8") as fh:
                self.schemas.update(json.load(fh).get("components", {}).get("schemas", {}))
        self.by_gvk = {}
        for name, s in self.schemas.items():
            for g in s.get("x-kubernetes-group-version-kind", []):
                self.by_gvk[(g["group"], g["version"], g["kind"])] = name
        self.errors = []

    def resolve(self, s):
        while True:
            if "$ref" in s:
                s = self.schemas[s["$ref"].rsplit("/", 1)[-1]]
            elif "allOf" in s and len(s["allOf"]) == 1 and "properties" not in s:
                s = s["allOf"][0]
            else:
                return s

    def fail(self, path, message):
        self.errors.append(f"{path}: {message}")

    def walk(self, value, schema, path):
        s = self.resolve(schema)
        if s.get("x-kubernetes-preserve-unknown-fields"):
            return
        if "oneOf" in s or s.get("format") in ("int-or-string", "quantity") or s.get("x-kubernetes-int-or-string"):
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                self.fail(path, f"{value!r} is neither a string nor a number")
            return
        kind = s.get("type")
        if isinstance(value, dict):
            if kind not in (None, "object"):
                self.fail(path, f"an object where the schema wants {kind}")
                return
            props = s.get("properties")
            if props is None:
                extra = s.get("additionalProperties")
                if isinstance(extra, dict):
                    for k, v in value.items():
                        self.walk(v, extra, f"{path}.{k}")
                return
            for k, v in value.items():
                if k not in props:
                    self.fail(f"{path}.{k}", "unknown field")
                else:
                    self.walk(v, props[k], f"{path}.{k}")
            for k in s.get("required", []):
                if k not in value:
                    self.fail(path, f"required field {k} is missing")
        elif isinstance(value, list):
            if kind != "array":
                self.fail(path, f"a list where the schema wants {kind}")
                return
            for i, v in enumerate(value):
                self.walk(v, s.get("items", {}), f"{path}[{i}]")
        elif value is not None:
            want = SCALARS.get(kind)
            if want is None or not isinstance(value, want) or (kind != "boolean" and isinstance(value, bool)):
                self.fail(path, f"{value!r} is not of type {kind}")
                return
            if "enum" in s and value not in s["enum"]:
                self.fail(path, f"{value!r} is not one of {s['enum']}")
            if s.get("format") == "byte":
                try:
                    base64.b64decode(value, validate=True)
                except (binascii.Error, ValueError):
                    self.fail(path, "is not base64")

    def validate(self, doc, where):
        group, _, version = doc.get("apiVersion", "").rpartition("/")
        name = self.by_gvk.get((group, version, doc.get("kind")))
        if name is None:
            self.fail(where, f"Kubernetes has no {doc.get('apiVersion')} {doc.get('kind')}")
            return
        self.walk(doc, self.schemas[name], where)


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    v = Validator(argv[1])
    count = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                if doc:
                    count += 1
                    v.validate(doc, f"{os.path.basename(path)}: {doc.get('kind')}/{doc.get('metadata', {}).get('name')}")
    for e in v.errors:
        print(e)
    if count == 0:
        print("no objects found")
        return 1
    return 1 if v.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
