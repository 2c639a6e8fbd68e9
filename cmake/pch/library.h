// Precompiled for every navigator_library target (cmake/NavigatorTargets.cmake):
// the standard and third-party headers most of them include. Only headers
// whose behaviour depends on no per-target macro belong here, because one
// compiled copy serves every library.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>
