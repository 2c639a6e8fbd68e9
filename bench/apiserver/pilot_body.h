#pragma once

// The object the load generator writes: a Pilot as Navigator's controller
// and pilots keep it (labels naming its cluster and node pool, spec {},
// status with Ready/Started conditions and the Elasticsearch node's
// documents and version), padded with an annotation to a chosen size, and
// the edits an update and a status update make to an object read back.
//
// Pure functions; thread-safe.

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::bench::loadgen {

// The annotation that pads the object, and the one recording the padding
// target (so a namespace filled for another size is recognised).
inline constexpr std::string_view kPaddingAnnotation = "bench.navigator.jetstack.io/padding";
inline constexpr std::string_view kValueBytesAnnotation = "bench.navigator.jetstack.io/value-bytes";
// The label every update changes.
inline constexpr std::string_view kUpdateLabel = "bench.navigator.jetstack.io/update";

// The Pilot `name` in `namespace_` as compact JSON. With value_bytes > 0
// the padding annotation makes the encoding exactly max(value_bytes,
// natural size) bytes long; 0 adds no padding.
std::string PilotJson(std::string_view namespace_, std::string_view name, int64_t value_bytes);

// The same object as a JSON object (for etcd mode, which stores it as is).
boost::json::object PilotObject(std::string_view namespace_, std::string_view name,
                                int64_t value_bytes);

// An object read from the server, edited for a PUT: the update label set to
// `sequence` (an update), or status.elasticsearch.documents set to
// `sequence` (a status update). kBadRequest when `object_json` is not a JSON
// object with a metadata object.
Result<std::string> EditForUpdate(std::string_view object_json, int64_t sequence);
Result<std::string> EditForStatusUpdate(std::string_view object_json, int64_t sequence);

// An object read from the server with the status of PilotObject: what a
// pilot writes through /status after the Pilot was created (a create's
// status is not stored). kBadRequest as above.
Result<std::string> WithPilotStatus(std::string_view object_json);

// metadata.resourceVersion of a JSON object (kBadRequest when absent).
Result<std::string> ResourceVersionOf(std::string_view object_json);

}  // namespace navigator::bench::loadgen
