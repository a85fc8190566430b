#!/usr/bin/env python3
"""Builds standalone, strict JSON Schema (draft-04) files for the kinds of k8s/ manifests.

Usage:
  python3 convert.py --k8s-swagger SWAGGER.json --camel CRD.yaml --kafkaconnect CRD.yaml \
                     --kafkaconnector CRD.yaml --podmonitor CRD.yaml --out DIR

Inputs (see SOURCES.md for where each comes from, at which tag/commit):
  * SWAGGER.json: Kubernetes' OpenAPI v2 spec (api/openapi-spec/swagger.json of a release branch).
  * CRD.yaml: a CustomResourceDefinition; its spec.versions[name=v1].schema.openAPIV3Schema is used.

Core kinds (ConfigMap, Secret, Service, Deployment, StatefulSet, Role, RoleBinding) are produced by a port of
yannh/openapi2jsonschema (the tool behind yannh/kubernetes-json-schema), run as that repository's build.sh runs it
for the "-standalone-strict" flavour (--expanded --kubernetes --stand-alone --strict), followed by the
post-processing of postprocess() below (draft-04 $schema, no descriptions, no non-standard formats, no x-kubernetes-*).

CRD kinds are converted by crd_schema() below: OpenAPI v3 structural schema -> JSON Schema draft-04.
Needs only PyYAML.
"""
import argparse
import copy
import json
import os
import sys

import yaml

DRAFT4 = "http://json-schema.org/draft-04/schema#"
# formats that draft-04 defines; others (int32, int64, byte, double, float, int-or-string, ...) are dropped
STANDARD_FORMATS = {"date-time", "email", "hostname", "ipv4", "ipv6", "uri"}

CORE_KINDS = {
    # output file: swagger definition
    "configmap-v1.json": "io.k8s.api.core.v1.ConfigMap",
    "secret-v1.json": "io.k8s.api.core.v1.Secret",
    "service-v1.json": "io.k8s.api.core.v1.Service",
    "deployment-apps-v1.json": "io.k8s.api.apps.v1.Deployment",
    "statefulset-apps-v1.json": "io.k8s.api.apps.v1.StatefulSet",
    "role-rbac-v1.json": "io.k8s.api.rbac.v1.Role",
    "rolebinding-rbac-v1.json": "io.k8s.api.rbac.v1.RoleBinding",
}
OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"


# ---------------------------------------------------------------------------------------------------------------
# Port of yannh/openapi2jsonschema (commit 09bbcef0ed5f0f70ee033834637e10e7035b6787, Apache-2.0),
# openapi2jsonschema/util.py and command.py, Swagger 2.0 path with --expanded --kubernetes --stand-alone --strict.
# jsonref's lazy $ref replacement is replaced by an eager inliner (inline_refs); the result is the same for
# non-recursive types such as the ones produced here.
# ---------------------------------------------------------------------------------------------------------------
def y_additional_properties(data):
    new = {}
    try:
        for k, v in data.items():
            new_v = v
            if isinstance(v, dict):
                if "properties" in v:
                    if "additionalProperties" not in v:
                        v["additionalProperties"] = False
                new_v = y_additional_properties(v)
            new[k] = new_v
        return new
    except AttributeError:
        return data


def y_replace_int_or_string(data):
    new = {}
    try:
        for k, v in data.items():
            new_v = v
            if isinstance(v, dict):
                if "format" in v and v["format"] == "int-or-string":
                    new_v = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
                else:
                    new_v = y_replace_int_or_string(v)
            elif isinstance(v, list):
                new_v = [y_replace_int_or_string(x) for x in v]
            new[k] = new_v
        return new
    except AttributeError:
        return data


def y_allow_null_optional_fields(data, parent=None, grand_parent=None, key=None):
    new = {}
    try:
        for k, v in data.items():
            new_v = v
            if isinstance(v, dict):
                new_v = y_allow_null_optional_fields(v, data, parent, k)
            elif isinstance(v, list):
                new_v = [y_allow_null_optional_fields(x, v, parent, k) for x in v]
            elif isinstance(v, str):
                is_non_null_type = k == "type" and v != "null"
                has_required_fields = grand_parent and "required" in grand_parent
                is_required_field = has_required_fields and key in grand_parent["required"]
                if is_non_null_type and not is_required_field:
                    new_v = [v, "null"]
            new[k] = new_v
        return new
    except AttributeError:
        return data


def y_append_no_duplicates(obj, key, value):
    if key not in obj:
        obj[key] = []
    if value not in obj[key]:
        obj[key].append(value)


def inline_refs(node, definitions, stack=()):
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].split("/")[-1]
            if name in stack:
                raise ValueError("recursive $ref %s" % name)
            return inline_refs(copy.deepcopy(definitions[name]), definitions, stack + (name,))
        return {k: inline_refs(v, definitions, stack) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(x, definitions, stack) for x in node]
    return node


def yannh_standalone_strict(swagger, titles):
    """Returns {title: schema} as openapi2jsonschema --expanded --kubernetes --stand-alone --strict writes them."""
    definitions = swagger["definitions"]
    definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = {
        "oneOf": [{"type": "string"}, {"type": "integer"}]}
    definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {
        "oneOf": [{"type": "string"}, {"type": "number"}]}
    for type_def in definitions.values():
        for kube_ext in type_def.get("x-kubernetes-group-version-kind", []):
            if "apiVersion" in type_def["properties"]:
                api_version = (kube_ext["group"] + "/" + kube_ext["version"]
                               if kube_ext["group"] else kube_ext["version"])
                y_append_no_duplicates(type_def["properties"]["apiVersion"], "enum", api_version)
            if "kind" in type_def["properties"]:
                y_append_no_duplicates(type_def["properties"]["kind"], "enum", kube_ext["kind"])
    definitions = y_additional_properties(definitions)  # --strict, as written to _definitions.json

    out = {}
    for title in titles:
        spec = copy.deepcopy(definitions[title])
        spec["$schema"] = "http://json-schema.org/schema#"
        spec.setdefault("type", "object")
        spec["additionalProperties"] = False
        spec = inline_refs(spec, definitions)
        if "properties" in spec:
            spec["properties"] = y_additional_properties(spec["properties"])
            spec["properties"] = y_replace_int_or_string(spec["properties"])
            spec["properties"] = y_allow_null_optional_fields(spec["properties"])
        out[title] = spec
    return out


# ---------------------------------------------------------------------------------------------------------------
# Post-processing shared by all outputs: walk schema objects only (so that a *property* named "description" or
# "format" is kept), drop annotations that only cost size, formats that draft-04 does not define, and the
# x-kubernetes-* extensions (their meaning is applied before, where it has one in JSON Schema).
# ---------------------------------------------------------------------------------------------------------------
SCHEMA_MAP_KEYS = ("properties", "patternProperties", "definitions")
SCHEMA_KEYS = ("items", "additionalProperties", "not", "additionalItems")
SCHEMA_LIST_KEYS = ("allOf", "anyOf", "oneOf")


def postprocess(s):
    if not isinstance(s, dict):
        return s
    out = {}
    for k, v in s.items():
        if k in ("description", "example", "x-kubernetes-group-version-kind") or k.startswith("x-kubernetes-"):
            continue
        if k == "format" and v not in STANDARD_FORMATS:
            continue
        if k in SCHEMA_MAP_KEYS and isinstance(v, dict):
            out[k] = {name: postprocess(sub) for name, sub in v.items()}
        elif k in SCHEMA_KEYS and isinstance(v, dict):
            out[k] = postprocess(v)
        elif k == "items" and isinstance(v, list):
            out[k] = [postprocess(x) for x in v]
        elif k in SCHEMA_LIST_KEYS:
            out[k] = [postprocess(x) for x in v]
        else:
            out[k] = v
    return out


# ---------------------------------------------------------------------------------------------------------------
# CRD openAPIV3Schema -> JSON Schema draft-04
# ---------------------------------------------------------------------------------------------------------------
def crd_node(s, in_junctor=False):
    """One schema object of a structural schema.

    * x-kubernetes-int-or-string: true -> integer or string (kept anyOf, or type [integer, string])
    * nullable: true -> null allowed (type gets "null", enum gets null)
    * x-kubernetes-preserve-unknown-fields: true -> unknown fields allowed (no additionalProperties: false)
    * otherwise an object schema with "properties" and no "additionalProperties" gets additionalProperties: false,
      which is what the API server does with unknown fields (pruned; rejected with kubectl's strict validation).
      Schemas under allOf/anyOf/oneOf/not are value validations (no types of their own in a structural schema),
      so they are left open.
    """
    if not isinstance(s, dict):
        return s
    s = dict(s)
    preserve = s.pop("x-kubernetes-preserve-unknown-fields", False) is True
    int_or_string = s.pop("x-kubernetes-int-or-string", False) is True
    nullable = s.pop("nullable", False) is True

    out = {}
    for k, v in s.items():
        if k in SCHEMA_MAP_KEYS and isinstance(v, dict):
            out[k] = {name: crd_node(sub, in_junctor) for name, sub in v.items()}
        elif k in SCHEMA_KEYS and isinstance(v, dict):
            out[k] = crd_node(v, in_junctor or k == "not")
        elif k in SCHEMA_LIST_KEYS:
            out[k] = [crd_node(x, True) for x in v]
        else:
            out[k] = v

    if int_or_string:
        if "anyOf" not in out:
            out["type"] = ["integer", "string"]
        else:
            out.pop("type", None)
    if nullable:
        if int_or_string and "anyOf" in out:
            out["anyOf"] = out["anyOf"] + [{"type": "null"}]
        elif isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif isinstance(out.get("type"), list) and "null" not in out["type"]:
            out["type"] = out["type"] + ["null"]
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
    if not in_junctor and not preserve and "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def crd_schema(crd_docs, kind, version, object_meta, provenance):
    crds = [d for d in crd_docs if d and d.get("kind") == "CustomResourceDefinition"
            and d["spec"]["names"]["kind"] == kind]
    if len(crds) != 1:
        raise SystemExit("expected one CRD of kind %s, found %d" % (kind, len(crds)))
    crd = crds[0]
    versions = [v for v in crd["spec"]["versions"] if v["name"] == version]
    if len(versions) != 1:
        raise SystemExit("CRD %s has no version %s" % (kind, version))
    schema = crd_node(copy.deepcopy(versions[0]["schema"]["openAPIV3Schema"]))
    schema = postprocess(schema)
    props = schema.setdefault("properties", {})
    api_version = crd["spec"]["group"] + "/" + version
    props["apiVersion"] = {"type": "string", "enum": [api_version]}
    props["kind"] = {"type": "string", "enum": [kind]}
    # the API server validates a custom resource's metadata as ObjectMeta: use Kubernetes' own schema for it
    props["metadata"] = copy.deepcopy(object_meta)
    schema.setdefault("type", "object")
    schema["additionalProperties"] = False
    return finish(schema, provenance)


def finish(schema, provenance):
    schema = dict(schema)
    schema.pop("$schema", None)
    schema.pop("description", None)
    return dict([("$schema", DRAFT4), ("description", provenance)] + list(schema.items()))


def write(out_dir, name, schema):
    path = os.path.join(out_dir, name)
    with open(path, "w") as f:
        json.dump(schema, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    print("%-32s %8d bytes" % (name, os.path.getsize(path)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--k8s-swagger", required=True)
    p.add_argument("--k8s-label", required=True, help="e.g. 'Kubernetes release-1.33 ...' (goes in description)")
    p.add_argument("--camel", required=True)
    p.add_argument("--camel-label", required=True)
    p.add_argument("--kafkaconnect", required=True)
    p.add_argument("--kafkaconnector", required=True)
    p.add_argument("--strimzi-label", required=True)
    p.add_argument("--podmonitor", required=True)
    p.add_argument("--podmonitor-label", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)

    with open(a.k8s_swagger) as f:
        swagger = json.load(f)
    titles = list(CORE_KINDS.values())
    core = yannh_standalone_strict(swagger, titles)
    for name, title in CORE_KINDS.items():
        write(a.out, name, finish(postprocess(core[title]),
                                  "%s, from %s (openapi2jsonschema standalone-strict, see SOURCES.md)"
                                  % (title, a.k8s_label)))
    # ObjectMeta exactly as it appears inside the core schemas (nullable, strict), for the custom resources
    object_meta = postprocess(core["io.k8s.api.apps.v1.Deployment"]["properties"]["metadata"])

    def load(path):
        with open(path) as f:
            return list(yaml.safe_load_all(f))

    write(a.out, "integration-camel-v1.json",
          crd_schema(load(a.camel), "Integration", "v1", object_meta,
                     "camel.apache.org/v1 Integration, from %s (see SOURCES.md)" % a.camel_label))
    write(a.out, "kafkaconnect-strimzi-v1.json",
          crd_schema(load(a.kafkaconnect), "KafkaConnect", "v1", object_meta,
                     "kafka.strimzi.io/v1 KafkaConnect, from %s (see SOURCES.md)" % a.strimzi_label))
    write(a.out, "kafkaconnector-strimzi-v1.json",
          crd_schema(load(a.kafkaconnector), "KafkaConnector", "v1", object_meta,
                     "kafka.strimzi.io/v1 KafkaConnector, from %s (see SOURCES.md)" % a.strimzi_label))
    write(a.out, "podmonitor-monitoring-v1.json",
          crd_schema(load(a.podmonitor), "PodMonitor", "v1", object_meta,
                     "monitoring.coreos.com/v1 PodMonitor, from %s (see SOURCES.md)" % a.podmonitor_label))


if __name__ == "__main__":
    sys.exit(main())
