#include "navigator/base/log_format.h"

#include <fmt/format.h>

#include <chrono>

#include "navigator/base/status.h"

namespace navigator {
namespace {

void Append(spdlog::memory_buf_t& out, std::string_view s) {
  out.append(s.data(), s.data() + s.size());
}

// The length of the valid UTF-8 sequence at the start of `s`, or 0.
std::size_t Utf8SequenceLength(std::string_view s) {
  const auto b0 = static_cast<unsigned char>(s[0]);
  std::size_t n = b0 < 0x80           ? 1
                  : (b0 >> 5) == 0x6  ? 2
                  : (b0 >> 4) == 0xe  ? 3
                  : (b0 >> 3) == 0x1e ? 4
                                      : 0;
  if (n == 0 || n > s.size()) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((static_cast<unsigned char>(s[i]) >> 6) != 0x2) return 0;
  }
  return n;
}

}  // namespace

Result<LogFormat> ParseLogFormat(std::string_view value) {
  if (value == "text") return LogFormat::kText;
  if (value == "json") return LogFormat::kJson;
  return BadRequest(fmt::format("--logging-format: \"{}\" is not one of text, json", value));
}

void AppendJsonEscaped(std::string_view text, spdlog::memory_buf_t& out) {
  while (!text.empty()) {
    const char c = text.front();
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      Append(out, "\\n");
    } else if (c == '\t') {
      Append(out, "\\t");
    } else if (c == '\r') {
      Append(out, "\\r");
    } else if (u < 0x20 || u == 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else if (u >= 0x80) {
      std::size_t n = Utf8SequenceLength(text);
      if (n == 0) {
        fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);  // a stray byte, as Latin-1
      } else {
        Append(out, text.substr(0, n));
        text.remove_prefix(n);
        continue;
      }
    } else {
      out.push_back(c);
    }
    text.remove_prefix(1);
  }
}

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const auto since_epoch = msg.time.time_since_epoch();
  const double ts = std::chrono::duration<double>(since_epoch).count();
  const auto level = spdlog::level::to_string_view(msg.level);
  fmt::format_to(std::back_inserter(dest), R"({{"ts":{:.6f},"level":"{}","thread":{},"logger":")",
                 ts, std::string_view(level.data(), level.size()), msg.thread_id);
  AppendJsonEscaped(std::string_view(msg.logger_name.data(), msg.logger_name.size()), dest);
  Append(dest, R"(","msg":")");
  AppendJsonEscaped(std::string_view(msg.payload.data(), msg.payload.size()), dest);
  Append(dest, "\"}\n");
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace navigator
