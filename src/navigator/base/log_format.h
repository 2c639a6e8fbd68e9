#pragma once

// The two forms log lines take, as Kubernetes components' --logging-format:
// klog-like text, or one JSON object per line for log pipelines.

#include <spdlog/formatter.h>

#include <memory>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator {

enum class LogFormat { kText, kJson };

// "text" or "json"; kBadRequest naming the flag otherwise.
Result<LogFormat> ParseLogFormat(std::string_view value);

// A spdlog formatter writing {"ts":<unix seconds>,"level":"info","thread":<id>,
// "logger":"<name>","msg":"..."} and a newline; the message is escaped as a
// JSON string (control characters and invalid UTF-8 bytes as \uXXXX).
// Thread-safe as spdlog requires (clone per sink).
class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

// Appends `text` to `out` as the contents of a JSON string (without quotes).
void AppendJsonEscaped(std::string_view text, spdlog::memory_buf_t& out);

}  // namespace navigator
