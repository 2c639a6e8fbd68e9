#pragma once

// Logging goes through spdlog. Verbosity follows klog: `--v=N` enables
// V(N)-level messages, which are logged at spdlog's debug level.

#include <spdlog/spdlog.h>

#include "navigator/base/log_format.h"

namespace navigator {

// Configures the default logger: klog-like text (or JSON lines) on stderr.
// Call once from main before other threads start.
void InitLogging(int verbosity, LogFormat format = LogFormat::kText);

// Rewrites klog's one-dash "-v=N" in argv to "--v=N" (CLI11 would read the
// value as "=N"), so `navigator-controller -v=4` works as kube's tools do.
// Call from main before parsing; the rewritten strings live until exit.
void NormalizeKlogFlags(int argc, char** argv);

// True when messages of klog level `level` are to be written.
bool VLogEnabled(int level);

}  // namespace navigator
