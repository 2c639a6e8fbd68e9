#pragma once

// The OpenAPI documents of navigator.jetstack.io, generated from the same
// JsonFields() descriptors the server encodes and decodes with:
//
//   /openapi/v3                                     index: each group-version's
//                                                   serverRelativeURL, with ?hash=
//   /openapi/v3/apis/navigator.jetstack.io/v1alpha1 OpenAPI 3.0 document
//   /openapi/v2                                     Swagger 2.0 document (JSON)
//
// Both documents name their schemas as Kubernetes does
// (io.jetstack.navigator.v1alpha1.ElasticsearchCluster,
// io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta, ...) and refer to them
// with $ref; every kind and list schema carries
// x-kubernetes-group-version-kind, every property a description, and list
// properties their list type and strategic-merge-patch keys. `kubectl
// explain` reads the v3 document, `kubectl apply` computes strategic merge
// patches from it, and kubectl learns from the `fieldValidation` parameter of
// its PATCH operations that the server validates fields itself.
//
// Documents are built once, on first use; every function here is
// thread-safe.

#include <boost/json/object.hpp>
#include <string>

namespace navigator::apiserver {

// One published document: its serialised JSON and its hash, the upper-case
// hex SHA-512 of the body (kube's ETag and ?hash= value, unquoted).
struct OpenApiDocument {
  std::string body;
  std::string hash;
};

const OpenApiDocument& OpenApiV2Document();
const OpenApiDocument& OpenApiV3IndexDocument();
const OpenApiDocument& OpenApiV3GroupVersionDocument();

// The index key of the group-version document: "apis/navigator.jetstack.io/v1alpha1".
std::string OpenApiV3GroupVersionKey();

// The bodies of the index and of the group-version document.
const std::string& OpenApiV3Index();
const std::string& OpenApiV3GroupVersion();

// Fresh builds of the documents, for tests.
boost::json::object BuildOpenApiV3GroupVersion();
boost::json::object BuildOpenApiV2();

// Upper-case hex SHA-512 of `data`.
std::string Sha512Hex(std::string_view data);

}  // namespace navigator::apiserver
