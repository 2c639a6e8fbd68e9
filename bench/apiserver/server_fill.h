#pragma once

// Preparing an API server for a phase: namespaces that exist, and
// namespaces holding exactly N Pilots of the requested size.
//
// Threading: call from one thread; FillNamespace runs its own writer
// threads over `rest` (a thread-safe RestClient).

#include <cstdint>
#include <ostream>
#include <string>

#include "navigator/base/status.h"
#include "navigator/client/rest_client.h"

namespace navigator::bench::loadgen {

// Creates the core/v1 Namespace `name` unless it exists. A server that does
// not create namespaces (navigator-apiserver on its own answers 404 or 405)
// needs none: OK.
Status EnsureNamespace(client::RestClient& rest, const std::string& name);

// Makes `namespace_` hold exactly the Pilots FilledName(0 .. objects-1),
// each of PilotJson(..., value_bytes) with its status written through
// /status: deletes any other object and any of another size, creates the
// missing ones with `writers` threads. Progress lines go to `progress`.
Status FillNamespace(client::RestClient& rest, const std::string& namespace_, int objects,
                     int64_t value_bytes, int writers, std::ostream& progress);

}  // namespace navigator::bench::loadgen
