// navigator::metrics::ParseProcStat, ParseBootTime, ParseStatusThreads and
// ParseSoftLimit (the /proc files behind the process_* metrics).
//
// Properties:
//  - errors are BadRequest naming the file;
//  - a parsed thread count is not negative; a parsed soft limit is >= 0;
//  - ParseProcStat accepts the input prefixed by "1 (" and ") " exactly when
//    it accepts it with a comm containing spaces and parentheses instead
//    (comm never changes the parse), with the same fields.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/metrics/proc_files.h"

using navigator::fuzz::Printable;
namespace metrics = navigator::metrics;

namespace {

void CheckError(const navigator::Status& status, std::string_view file) {
  FUZZ_CHECK(status.code() == navigator::StatusCode::kBadRequest, status.ToString());
  FUZZ_CHECK(status.message().find(file) != std::string::npos, status.ToString());
}

bool SameStat(const metrics::ProcStat& a, const metrics::ProcStat& b) {
  return a.utime_ticks == b.utime_ticks && a.stime_ticks == b.stime_ticks &&
         a.num_threads == b.num_threads && a.starttime_ticks == b.starttime_ticks &&
         a.vsize_bytes == b.vsize_bytes && a.rss_pages == b.rss_pages;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);

  auto stat = metrics::ParseProcStat(text);
  if (!stat.ok()) CheckError(stat.status(), "/proc/self/stat");
  if (text.find(')') == std::string_view::npos) {
    auto plain = metrics::ParseProcStat("1 (x) " + std::string(text));
    auto odd = metrics::ParseProcStat("1 (a) (b c) " + std::string(text));
    FUZZ_CHECK(plain.ok() == odd.ok(), "input " + Printable(text));
    if (plain.ok()) FUZZ_CHECK(SameStat(*plain, *odd), "input " + Printable(text));
  }

  auto boot = metrics::ParseBootTime(text);
  if (!boot.ok()) CheckError(boot.status(), "/proc/stat");

  auto threads = metrics::ParseStatusThreads(text);
  if (threads.ok()) {
    FUZZ_CHECK(*threads >= 0, "input " + Printable(text));
  } else {
    CheckError(threads.status(), "/proc/self/status");
  }

  auto limit = metrics::ParseSoftLimit(text, "Max open files");
  if (limit.ok()) {
    FUZZ_CHECK(*limit >= 0, "input " + Printable(text));
  } else {
    CheckError(limit.status(), "/proc/self/limits");
  }
  return 0;
}
