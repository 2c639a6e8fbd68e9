#include "navigator/metrics/process_collector.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include "navigator/base/logging.h"
#include "navigator/metrics/proc_files.h"

namespace navigator::metrics {
namespace {

namespace fs = std::filesystem;

// /proc files are small; anything larger is not what we expect.
constexpr std::size_t kMaxFileBytes = 1 << 20;

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (VLogEnabled(4)) spdlog::debug("metrics: cannot open {}", path.string());
    return std::nullopt;
  }
  std::string text;
  char buffer[4096];
  while (in && text.size() < kMaxFileBytes) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return text;
}

template <typename T>
std::optional<T> Logged(Result<T> result) {
  if (result.ok()) return *std::move(result);
  if (VLogEnabled(4)) spdlog::debug("metrics: {}", result.status().message());
  return std::nullopt;
}

void Add(std::vector<CollectedFamily>& out, std::string name, std::string help, MetricType type,
         double value) {
  out.push_back(CollectedFamily{.name = std::move(name),
                                .help = std::move(help),
                                .type = type,
                                .label_names = {},
                                .samples = {CollectedSample{{}, value}}});
}

}  // namespace

ProcessCollector::ProcessCollector(ProcessCollectorOptions options) : options_(std::move(options)) {
  if (options_.ticks_per_second <= 0) options_.ticks_per_second = sysconf(_SC_CLK_TCK);
  if (options_.ticks_per_second <= 0) options_.ticks_per_second = 100;
  if (options_.page_size <= 0) options_.page_size = sysconf(_SC_PAGESIZE);
  if (options_.page_size <= 0) options_.page_size = 4096;
}

void ProcessCollector::Collect(std::vector<CollectedFamily>& out) const {
  const fs::path root(options_.proc_root);
  const auto ticks = static_cast<double>(options_.ticks_per_second);

  std::optional<ProcStat> stat;
  if (auto text = ReadFile(root / "self" / "stat")) stat = Logged(ParseProcStat(*text));
  if (stat) {
    Add(out, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
        MetricType::kCounter, static_cast<double>(stat->utime_ticks + stat->stime_ticks) / ticks);
    Add(out, "process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::kGauge,
        static_cast<double>(stat->rss_pages) * static_cast<double>(options_.page_size));
    Add(out, "process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType::kGauge,
        static_cast<double>(stat->vsize_bytes));
    if (auto text = ReadFile(root / "stat")) {
      if (auto boot = Logged(ParseBootTime(*text))) {
        Add(out, "process_start_time_seconds",
            "Start time of the process since unix epoch in seconds.", MetricType::kGauge,
            static_cast<double>(*boot) + static_cast<double>(stat->starttime_ticks) / ticks);
      }
    }
  }
  if (auto text = ReadFile(root / "self" / "status")) {
    if (auto threads = Logged(ParseStatusThreads(*text))) {
      Add(out, "process_threads", "Number of OS threads in the process.", MetricType::kGauge,
          static_cast<double>(*threads));
    }
  }
  if (auto text = ReadFile(root / "self" / "limits")) {
    if (auto max_fds = Logged(ParseSoftLimit(*text, "Max open files"))) {
      Add(out, "process_max_fds", "Maximum number of open file descriptors.", MetricType::kGauge,
          *max_fds);
    }
    if (auto max_vm = Logged(ParseSoftLimit(*text, "Max address space"))) {
      Add(out, "process_virtual_memory_max_bytes",
          "Maximum amount of virtual memory available in bytes.", MetricType::kGauge, *max_vm);
    }
  }
  std::error_code ec;
  std::size_t fds = 0;
  for (fs::directory_iterator it(root / "self" / "fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++fds;
  }
  if (!ec) {
    Add(out, "process_open_fds", "Number of open file descriptors.", MetricType::kGauge,
        static_cast<double>(fds));
  } else if (VLogEnabled(4)) {
    spdlog::debug("metrics: cannot list {}: {}", (root / "self" / "fd").string(), ec.message());
  }
}

void RegisterProcessCollector(Registry& registry, ProcessCollectorOptions options) {
  registry.AddCollector([collector = ProcessCollector(std::move(options))](
                            std::vector<CollectedFamily>& out) { collector.Collect(out); });
}

}  // namespace navigator::metrics
