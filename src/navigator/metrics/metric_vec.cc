#include "navigator/metrics/metric_vec.h"

#include <spdlog/spdlog.h>

namespace navigator::metrics::internal {

std::vector<std::string> LabelKey(std::string_view family, std::size_t label_count,
                                  std::span<const std::string_view> values) {
  if (values.size() != label_count) {
    spdlog::error("metrics: {} has {} labels but was given {} values", family, label_count,
                  values.size());
  }
  std::vector<std::string> key;
  key.reserve(label_count);
  for (std::size_t i = 0; i < label_count; ++i) {
    key.emplace_back(i < values.size() ? values[i] : std::string_view());
  }
  return key;
}

}  // namespace navigator::metrics::internal
