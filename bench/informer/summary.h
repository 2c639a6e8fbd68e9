#pragma once

// The informer benchmark's numbers for one measured client, and the
// side-by-side Markdown table of several (the first is navigator, the others
// baselines it is divided by).

#include <cstdint>
#include <string>
#include <vector>

#include "bench/informer/child_protocol.h"
#include "bench/informer/configmap_workload.h"

namespace navigator::bench {

struct ClientResult {
  std::string name;
  SyncedReport synced;
  int64_t updates_written = 0;
  // Written updates whose resourceVersion reached the client's handler.
  int64_t updates_matched = 0;
  double rss_per_object = 0;   // bytes
  double heap_per_object = 0;  // bytes
  // Updates acknowledged per second: first send to last acknowledgement.
  double writes_per_second = 0;
  // Updates handled per second: first send to the last handler call.
  double events_per_second = 0;
  // Handler call minus the write's acknowledgement (may be negative: a watch
  // event can overtake the answer to the write) and minus its send, in ms.
  double ack_lag_p50_ms = 0;
  double ack_lag_p99_ms = 0;
  double send_lag_p50_ms = 0;
  double send_lag_p99_ms = 0;
};

// Joins the writer's acks with what the client saw, by resourceVersion.
ClientResult Summarize(std::string name, const SyncedReport& synced, const DoneReport& done,
                       const std::vector<WriteAck>& acks);

// One client's rounds as one result: the median of each measure (the lower
// middle of an even count), the fewest objects, and the updates written and
// seen added up. Precondition: `rounds` is not empty.
ClientResult MedianOfRounds(const std::vector<ClientResult>& rounds);

// The nearest-rank `fraction` percentile (0 < fraction <= 1); 0 when empty.
double Percentile(std::vector<double> values, double fraction);

// A Markdown table: one row per measure, one column per client, then
// "<first> / <other>" ratio columns for every other client.
std::string FormatTable(const std::vector<ClientResult>& results);

}  // namespace navigator::bench
