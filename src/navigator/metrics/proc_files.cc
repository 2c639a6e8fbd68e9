#include "navigator/metrics/proc_files.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <string>
#include <vector>

namespace navigator::metrics {
namespace {

constexpr std::string_view kSpace = " \t";
constexpr std::string_view kSeparators = " \t\r\n";

std::string_view Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

std::vector<std::string_view> Fields(std::string_view s) {
  std::vector<std::string_view> fields;
  for (;;) {
    const auto begin = s.find_first_not_of(kSeparators);
    if (begin == std::string_view::npos) break;
    s.remove_prefix(begin);
    const auto end = s.find_first_of(kSeparators);
    fields.push_back(s.substr(0, end));
    if (end == std::string_view::npos) break;
    s.remove_prefix(end);
  }
  return fields;
}

template <typename T>
bool ParseNumber(std::string_view s, T& out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// The line of `text` whose first field is exactly `key`, without the key.
std::string_view FindLine(std::string_view text, std::string_view key, bool& found) {
  found = false;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line.substr(0, key.size()) == key &&
        (line.size() == key.size() || kSpace.find(line[key.size()]) != std::string_view::npos)) {
      found = true;
      return line.substr(key.size());
    }
  }
  return {};
}

Status Malformed(std::string_view file, std::string_view what) {
  return BadRequest(fmt::format("malformed {}: {}", file, what));
}

}  // namespace

Result<ProcStat> ParseProcStat(std::string_view text) {
  const auto close = text.rfind(')');
  if (close == std::string_view::npos || text.find('(') == std::string_view::npos ||
      text.find('(') > close) {
    return Malformed("/proc/self/stat", "no \"(comm)\" field");
  }
  // Fields from number 3 (state) on.
  const std::vector<std::string_view> f = Fields(text.substr(close + 1));
  const auto field = [&](std::size_t number) {
    return f[number - 3];
  };
  if (f.size() < 24 - 2) return Malformed("/proc/self/stat", "fewer than 24 fields");
  ProcStat stat;
  if (!ParseNumber(field(14), stat.utime_ticks) || !ParseNumber(field(15), stat.stime_ticks) ||
      !ParseNumber(field(20), stat.num_threads) || !ParseNumber(field(22), stat.starttime_ticks) ||
      !ParseNumber(field(23), stat.vsize_bytes) || !ParseNumber(field(24), stat.rss_pages)) {
    return Malformed("/proc/self/stat", "a field used is not a number");
  }
  return stat;
}

Result<uint64_t> ParseBootTime(std::string_view text) {
  bool found = false;
  const std::string_view rest = Trim(FindLine(text, "btime", found));
  uint64_t seconds = 0;
  if (!found) return Malformed("/proc/stat", "no btime line");
  if (!ParseNumber(rest, seconds)) return Malformed("/proc/stat", "btime is not a number");
  return seconds;
}

Result<int64_t> ParseStatusThreads(std::string_view text) {
  bool found = false;
  const std::string_view rest = Trim(FindLine(text, "Threads:", found));
  int64_t threads = 0;
  if (!found) return Malformed("/proc/self/status", "no Threads line");
  if (!ParseNumber(rest, threads) || threads < 0) {
    return Malformed("/proc/self/status", "Threads is not a count");
  }
  return threads;
}

Result<double> ParseSoftLimit(std::string_view text, std::string_view name) {
  bool found = false;
  const std::vector<std::string_view> f = Fields(FindLine(text, name, found));
  if (!found) return Malformed("/proc/self/limits", fmt::format("no \"{}\" row", name));
  if (f.empty())
    return Malformed("/proc/self/limits", fmt::format("\"{}\" has no soft limit", name));
  if (f[0] == "unlimited") return static_cast<double>(std::numeric_limits<uint64_t>::max());
  uint64_t limit = 0;
  if (!ParseNumber(f[0], limit)) {
    return Malformed("/proc/self/limits", fmt::format("\"{}\" soft limit is not a number", name));
  }
  return static_cast<double>(limit);
}

}  // namespace navigator::metrics
