// navigator::bench::loadgen::ParseProcStatusMemory (bench/apiserver: the
// VmRSS / VmHWM lines of /proc/<pid>/status the load generator reads from
// the server it measures).
//
// Properties:
//  - errors are BadRequest naming /proc/<pid>/status;
//  - parsed sizes are non-negative multiples of 1024;
//  - lines before and after the two do not change the parse (any text
//    without VmRSS/VmHWM lines prefixed, a Threads line appended).

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/apiserver/proc_status_memory.h"
#include "fuzz_check.h"

using navigator::fuzz::Printable;
namespace loadgen = navigator::bench::loadgen;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto memory = loadgen::ParseProcStatusMemory(text);
  if (!memory.ok()) {
    FUZZ_CHECK(memory.status().code() == navigator::StatusCode::kBadRequest,
               memory.status().ToString());
    FUZZ_CHECK(memory.status().message().find("/proc/<pid>/status") != std::string::npos,
               memory.status().ToString());
  } else {
    FUZZ_CHECK(memory->rss_bytes >= 0 && memory->rss_bytes % 1024 == 0, "input " + Printable(text));
    FUZZ_CHECK(memory->rss_peak_bytes >= 0 && memory->rss_peak_bytes % 1024 == 0,
               "input " + Printable(text));
  }
  auto framed = loadgen::ParseProcStatusMemory("Name:\tx\nVmPeak:\t1 kB\n" + std::string(text) +
                                               "\nThreads:\t1\n");
  FUZZ_CHECK(framed.ok() == memory.ok(), "input " + Printable(text));
  if (framed.ok()) {
    FUZZ_CHECK(
        framed->rss_bytes == memory->rss_bytes && framed->rss_peak_bytes == memory->rss_peak_bytes,
        "input " + Printable(text));
  }
  return 0;
}
