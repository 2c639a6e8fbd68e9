#pragma once

// Turns one named schema of an OpenAPI v3 document (components.schemas) into
// the structural openAPIV3Schema a CustomResourceDefinition
// (apiextensions.k8s.io/v1) accepts:
//
//   - every {"$ref": "#/components/schemas/<name>"} is replaced by that
//     schema, recursively; the annotated form {"allOf": [{"$ref": ...}],
//     "description": ...} becomes the referenced schema with the annotations
//     laid over it;
//   - only the keywords of apiextensions' JSONSchemaProps survive (type,
//     format, description, properties, items, required, enum, pattern, the
//     x-kubernetes-* extensions CRDs know, ...); the rest -- such as
//     x-kubernetes-group-version-kind and the strategic-merge-patch
//     extensions, which CRD validation rejects or drops -- is removed;
//   - the root's `metadata` becomes {"type": "object"} (a CRD may not
//     describe ObjectMeta beyond name and generateName; kube-apiserver
//     validates it itself).
//
// Pure functions; thread-safe.

#include <boost/json/object.hpp>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::bench {

// `schemas`: the document's components.schemas. Errors (kBadRequest): `root`
// or a referenced schema missing, a $ref outside #/components/schemas/, a
// reference cycle (a CRD schema cannot be recursive; the message names the
// chain), nesting deeper than 64 levels.
Result<boost::json::object> StructuralSchema(const boost::json::object& schemas,
                                             std::string_view root);

// Whether `keyword` is a field of apiextensions.k8s.io/v1 JSONSchemaProps
// that a structural schema may carry.
bool IsCrdSchemaKeyword(std::string_view keyword);

}  // namespace navigator::bench
