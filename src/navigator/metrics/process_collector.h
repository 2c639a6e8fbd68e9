#pragma once

// Process metrics under the names Prometheus' Go and Python clients use:
//
//   process_cpu_seconds_total        counter  user + system CPU time
//   process_resident_memory_bytes    gauge    resident set size
//   process_virtual_memory_bytes     gauge    virtual memory size
//   process_virtual_memory_max_bytes gauge    address-space limit (2^64-1: unlimited)
//   process_open_fds                 gauge    open file descriptors
//   process_max_fds                  gauge    soft limit on open files
//   process_start_time_seconds       gauge    start time, seconds since the epoch
//   process_threads                  gauge    OS threads (no client standard exists;
//                                             client_golang's is go_threads)
//
// Read at scrape time from <proc_root>/self/{stat,status,limits,fd} and
// <proc_root>/stat. A metric whose file cannot be read or parsed is left out
// of that scrape (logged at -v=4).
//
// Threading: Collect may run concurrently; it only reads files.

#include <string>
#include <vector>

#include "navigator/metrics/registry.h"

namespace navigator::metrics {

struct ProcessCollectorOptions {
  std::string proc_root = "/proc";
  long ticks_per_second = 0;  // clock ticks of /proc/self/stat; 0: sysconf(_SC_CLK_TCK)
  long page_size = 0;         // bytes per RSS page; 0: sysconf(_SC_PAGESIZE)
};

class ProcessCollector {
 public:
  explicit ProcessCollector(ProcessCollectorOptions options = {});

  void Collect(std::vector<CollectedFamily>& out) const;

 private:
  ProcessCollectorOptions options_;
};

// Adds a ProcessCollector (owned by the collector function) to `registry`.
void RegisterProcessCollector(Registry& registry, ProcessCollectorOptions options = {});

}  // namespace navigator::metrics
