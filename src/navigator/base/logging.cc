#include "navigator/base/logging.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <atomic>
#include <deque>
#include <string>
#include <string_view>

namespace navigator {
namespace {
std::atomic<int> g_verbosity{0};
}  // namespace

void InitLogging(int verbosity, LogFormat format) {
  g_verbosity = verbosity;
  auto logger = spdlog::stderr_logger_mt("navigator");
  if (format == LogFormat::kJson) {
    logger->set_formatter(std::make_unique<JsonLogFormatter>());
  } else {
    // klog: Lmmdd hh:mm:ss.uuuuuu threadid] msg
    logger->set_pattern("%L%m%d %H:%M:%S.%f %t] %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(verbosity > 0 ? spdlog::level::debug : spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

void NormalizeKlogFlags(int argc, char** argv) {
  static std::deque<std::string> rewritten;  // argv's new strings, alive until exit
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]).substr(0, 3) == "-v=") {
      rewritten.push_back(std::string("-") + argv[i]);
      argv[i] = rewritten.back().data();
    }
  }
}

bool VLogEnabled(int level) {
  return level <= g_verbosity.load(std::memory_order_relaxed);
}

}  // namespace navigator
