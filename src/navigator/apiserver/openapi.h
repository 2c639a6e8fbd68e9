#pragma once

// OpenAPI v3 for navigator.jetstack.io: the /openapi/v3 index and one
// document per served group-version, with the schemas of the three kinds and
// their paths. kubectl reads it to learn that the server validates fields
// itself (the `fieldValidation` parameter), and `kubectl explain` reads the
// schemas. Both documents are built once, on first use; thread-safe.

#include <string>

namespace navigator::apiserver {

// /openapi/v3
const std::string& OpenApiV3Index();
// /openapi/v3/apis/navigator.jetstack.io/v1alpha1
const std::string& OpenApiV3GroupVersion();

}  // namespace navigator::apiserver
