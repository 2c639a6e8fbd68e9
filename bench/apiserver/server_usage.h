#pragma once

// What a server process has used so far, read from /proc/<pid>: CPU time
// (utime + stime of /proc/<pid>/stat, parsed by metrics::ParseProcStat) and
// memory (VmRSS, VmHWM of /proc/<pid>/status). A phase samples it before
// and after to get CPU seconds per 1,000 ops and the peak RSS.
//
// Threading: thread-safe (reads files only).

#include <sys/types.h>

#include <cstdint>

#include "navigator/base/result.h"

namespace navigator::bench::loadgen {

struct ServerUsage {
  double cpu_seconds = 0;  // user + system, since the process started
  int64_t rss_bytes = 0;
  int64_t rss_peak_bytes = 0;
};

// Errors: kNotFound when /proc/<pid> cannot be read (no such process, or
// not ours to read), kBadRequest when a file does not parse.
Result<ServerUsage> ReadServerUsage(pid_t pid);

}  // namespace navigator::bench::loadgen
