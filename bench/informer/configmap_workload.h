#pragma once

// The informer benchmark's workload on a kube-apiserver: one namespace of
// ConfigMaps, each with about 1 KiB of data and four labels, created and then
// updated by several writer threads at once.
//
// Threading: the functions are reentrant; each runs `writers` threads of its
// own over the thread-safe RestClient and joins them before returning.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/client/rest_client.h"

namespace navigator::bench {

struct Workload {
  std::string ns = "informer-bench";
  int objects = 200;  // ConfigMaps in `ns`
  int updates = 200;  // merge patches per measured client
  int writers = 4;    // threads writing at once
};

// "bench-<index>", zero-padded to five digits.
std::string ConfigMapName(int index);

// The JSON of ConfigMap `index` of `ns`: labels app, tier, shard and
// release; data of eight keys of config-file-like text, 1 KiB together.
std::string ConfigMapJson(std::string_view ns, int index);

// Creates the namespace and every ConfigMap of `workload`. The first error
// (naming the object) when a write fails.
Status CreateWorkload(client::RestClient& client, const Workload& workload);

// One acknowledged update: the resourceVersion the server gave it and the
// wall-clock times (Unix nanoseconds) the request was sent and its answer read.
struct WriteAck {
  std::string resource_version;
  int64_t sent_ns = 0;
  int64_t acked_ns = 0;
};

// Sends workload.updates merge patches ({"data":{"seq":"<n>"}}, n from
// `first_seq` on, so values never repeat), round robin over the ConfigMaps,
// from workload.writers threads. Returns the acks in no particular order, or
// the first error.
Result<std::vector<WriteAck>> WriteUpdates(client::RestClient& client, const Workload& workload,
                                           int64_t first_seq);

// The wall clock in Unix nanoseconds (the clock both measured clients use).
int64_t UnixNanos();

}  // namespace navigator::bench
