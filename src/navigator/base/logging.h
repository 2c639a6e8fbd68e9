#pragma once

// Logging goes through spdlog. Verbosity follows klog: `--v=N` enables
// V(N)-level messages, which are logged at spdlog's debug level.

#include <spdlog/spdlog.h>

#include "navigator/base/log_format.h"

namespace navigator {

// Configures the default logger: klog-like text (or JSON lines) on stderr.
// Call once from main before other threads start.
void InitLogging(int verbosity, LogFormat format = LogFormat::kText);

// True when messages of klog level `level` are to be written.
bool VLogEnabled(int level);

}  // namespace navigator
