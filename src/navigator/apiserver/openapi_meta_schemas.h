#pragma once

// The meta.k8s.io schemas the published paths refer to that no stored type
// describes: Status (with StatusDetails and StatusCause), DeleteOptions (with
// Preconditions) and Patch, under the names Kubernetes publishes them with.
// Their wire forms are written by hand elsewhere (api/meta/status_json.cc,
// registry/request_options.cc); these descriptors exist for the schemas only.

#include <string_view>

#include "navigator/api/codec/json_schema.h"

namespace navigator::apiserver {

inline constexpr std::string_view kStatusSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
inline constexpr std::string_view kDeleteOptionsSchema =
    "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";
inline constexpr std::string_view kPatchSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

// Adds Status, DeleteOptions and Patch (and the types they use) to `defs`.
void AddMetaSchemas(api::SchemaDefinitions& defs);

}  // namespace navigator::apiserver
