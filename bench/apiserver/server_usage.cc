#include "bench/apiserver/server_usage.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "bench/apiserver/proc_status_memory.h"
#include "navigator/metrics/proc_files.h"

namespace navigator::bench::loadgen {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return NotFound(
        fmt::format("cannot read {}: is --server-pid a running process of this user?", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<ServerUsage> ReadServerUsage(pid_t pid) {
  NAVIGATOR_ASSIGN_OR_RETURN(const std::string stat_text,
                             ReadFile(fmt::format("/proc/{}/stat", pid)));
  NAVIGATOR_ASSIGN_OR_RETURN(const std::string status_text,
                             ReadFile(fmt::format("/proc/{}/status", pid)));
  NAVIGATOR_ASSIGN_OR_RETURN(const metrics::ProcStat stat, metrics::ParseProcStat(stat_text));
  NAVIGATOR_ASSIGN_OR_RETURN(const ProcStatusMemory memory, ParseProcStatusMemory(status_text));
  const long ticks_per_second = sysconf(_SC_CLK_TCK);
  ServerUsage usage;
  usage.cpu_seconds = static_cast<double>(stat.utime_ticks + stat.stime_ticks) /
                      static_cast<double>(ticks_per_second > 0 ? ticks_per_second : 100);
  usage.rss_bytes = memory.rss_bytes;
  usage.rss_peak_bytes = memory.rss_peak_bytes;
  return usage;
}

}  // namespace navigator::bench::loadgen
