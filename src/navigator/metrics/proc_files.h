#pragma once

// Parsers of the Linux /proc files the process collector reads. Pure
// functions of the file's text, so tests and fuzzers feed them anything.
// Errors are BadRequest naming the file and what was wrong.

#include <cstdint>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::metrics {

// The fields of /proc/<pid>/stat the collector uses (proc(5) numbering).
struct ProcStat {
  uint64_t utime_ticks = 0;      // 14
  uint64_t stime_ticks = 0;      // 15
  int64_t num_threads = 0;       // 20
  uint64_t starttime_ticks = 0;  // 22, since boot
  uint64_t vsize_bytes = 0;      // 23
  int64_t rss_pages = 0;         // 24
};

// /proc/<pid>/stat: "pid (comm) state ppid ...", where comm may hold spaces
// and parentheses (the last ')' ends it).
Result<ProcStat> ParseProcStat(std::string_view text);

// The boot time in seconds since the epoch: the "btime" line of /proc/stat.
Result<uint64_t> ParseBootTime(std::string_view text);

// The "Threads:" line of /proc/<pid>/status.
Result<int64_t> ParseStatusThreads(std::string_view text);

// The soft limit of the row `name` (such as "Max open files") of
// /proc/<pid>/limits; "unlimited" is 2^64-1, as client_golang reports it.
Result<double> ParseSoftLimit(std::string_view text, std::string_view name);

}  // namespace navigator::metrics
