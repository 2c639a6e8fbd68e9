#include "bench/apiserver/summary_machine.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>

namespace navigator::bench {
namespace {

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

// The value of the first "key<spaces>: value" line of `text`.
std::string_view Field(std::string_view text, std::string_view key) {
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos && Trim(line.substr(0, colon)) == key) {
      return Trim(line.substr(colon + 1));
    }
  }
  return {};
}

std::string ReadFile(const char* path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

MachineInfo ParseMachineInfo(std::string_view cpuinfo, std::string_view meminfo, int cpus) {
  MachineInfo m;
  m.cpus = cpus;
  m.model = std::string(Field(cpuinfo, "model name"));
  const std::string_view total = Field(meminfo, "MemTotal");  // "16384256 kB"
  int64_t kib = 0;
  const auto [ptr, ec] = std::from_chars(total.data(), total.data() + total.size(), kib);
  if (ec == std::errc() && kib > 0) m.memory_bytes = kib * 1024;
  return m;
}

MachineInfo ReadMachineInfo() {
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return ParseMachineInfo(ReadFile("/proc/cpuinfo"), ReadFile("/proc/meminfo"),
                          cpus > 0 ? static_cast<int>(cpus) : 0);
}

std::string DescribeMachine(const MachineInfo& m) {
  return fmt::format("{} CPU{} ({}), {:.1f} GiB RAM", m.cpus, m.cpus == 1 ? "" : "s",
                     m.model.empty() ? "unknown model" : m.model,
                     static_cast<double>(m.memory_bytes) / (1024.0 * 1024 * 1024));
}

}  // namespace navigator::bench
