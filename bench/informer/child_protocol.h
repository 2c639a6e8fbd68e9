#pragma once

// What a measured informer client (navigator's, in this binary, or the
// client-go baseline, bench/informer/baseline/main.go) prints on stdout: two
// JSON lines.
//
//   {"phase":"synced","client":C,"objects":N,"rss_before":B,"rss_after":B,
//    "heap_before":B,"heap_after":B,"sync_seconds":S}
//   {"phase":"done","updates_seen":M,"events":[[resourceVersion,unixNanos],...]}
//
// "before" is measured with the client ready and no informer, "after" once
// the informer has synced all N objects; byte counts are of that process.
// "events" are the update handler calls whose object's resourceVersion
// changed, with the wall-clock time of the call.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::bench {

struct SyncedReport {
  std::string client;
  int64_t objects = 0;
  int64_t rss_before = 0;
  int64_t rss_after = 0;
  int64_t heap_before = 0;
  int64_t heap_after = 0;
  double sync_seconds = 0;
};

struct SeenUpdate {
  std::string resource_version;
  int64_t unix_ns = 0;
};

struct DoneReport {
  int64_t updates_seen = 0;
  std::vector<SeenUpdate> events;
};

std::string SyncedLine(const SyncedReport& report);
std::string DoneLine(const DoneReport& report);

// kBadRequest naming the problem when `line` is not such a line.
Result<SyncedReport> ParseSyncedLine(std::string_view line);
Result<DoneReport> ParseDoneLine(std::string_view line);

}  // namespace navigator::bench
