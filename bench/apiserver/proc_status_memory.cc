#include "bench/apiserver/proc_status_memory.h"

#include <fmt/format.h>

#include <limits>
#include <optional>

namespace navigator::bench::loadgen {
namespace {

constexpr std::string_view kFile = "/proc/<pid>/status";

// The rest of the line that starts with `name` (e.g. "VmRSS:"), or nullopt.
std::optional<std::string_view> FindLine(std::string_view text, std::string_view name) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (line.substr(0, name.size()) == name) return line.substr(name.size());
    start = end + 1;
  }
  return std::nullopt;
}

Result<int64_t> ParseKib(std::string_view text, std::string_view name) {
  const std::optional<std::string_view> found = FindLine(text, name);
  if (!found) return BadRequest(fmt::format("{}: no {} line", kFile, name));
  std::string_view rest = *found;
  size_t i = 0;
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
  const size_t digits = i;
  int64_t kib = 0;
  constexpr int64_t kMaxKib = std::numeric_limits<int64_t>::max() / 1024;
  while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
    const int digit = rest[i] - '0';
    if (kib > (kMaxKib - digit) / 10) {
      return BadRequest(fmt::format("{}: {} is too large", kFile, name));
    }
    kib = kib * 10 + digit;
    ++i;
  }
  if (i == digits || rest.substr(i) != " kB") {
    return BadRequest(
        fmt::format("{}: {} is not \"<number> kB\": \"{}\"", kFile, name, rest.substr(0, 64)));
  }
  return kib * 1024;
}

}  // namespace

Result<ProcStatusMemory> ParseProcStatusMemory(std::string_view text) {
  ProcStatusMemory memory;
  NAVIGATOR_ASSIGN_OR_RETURN(memory.rss_bytes, ParseKib(text, "VmRSS:"));
  NAVIGATOR_ASSIGN_OR_RETURN(memory.rss_peak_bytes, ParseKib(text, "VmHWM:"));
  return memory;
}

}  // namespace navigator::bench::loadgen
