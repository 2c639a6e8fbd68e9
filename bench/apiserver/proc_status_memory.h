#pragma once

// The memory lines of /proc/<pid>/status (proc(5)): VmRSS, the resident
// set now, and VmHWM, its peak ("high water mark"). A pure function of the
// file's text, so tests and the fuzzer (fuzz/proc_status_memory_fuzzer.cc)
// feed it anything.

#include <cstdint>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::bench::loadgen {

struct ProcStatusMemory {
  int64_t rss_bytes = 0;       // VmRSS
  int64_t rss_peak_bytes = 0;  // VmHWM
};

// Both lines must be there, each "<Name>:<spaces or tabs><decimal> kB".
// Errors: kBadRequest naming /proc/<pid>/status and the line that is
// missing or malformed (a number that overflows in bytes is malformed).
Result<ProcStatusMemory> ParseProcStatusMemory(std::string_view text);

}  // namespace navigator::bench::loadgen
