#include "navigator/controller/logging_reconciler.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace navigator::controller {

std::string LoggingReconciler::Describe(const std::string& key) const {
  client::ObjectPtr object = store_.Get(key);
  if (!object) return fmt::format("{} {}: gone (nothing to do)", kind_, key);
  int64_t generation = 0;
  std::size_t pools = 0;
  std::string version;
  if (const auto* metadata = object->if_contains("metadata"); metadata && metadata->is_object()) {
    if (const auto* g = metadata->as_object().if_contains("generation"); g && g->is_int64()) {
      generation = g->as_int64();
    }
  }
  if (const auto* spec = object->if_contains("spec"); spec && spec->is_object()) {
    if (const auto* p = spec->as_object().if_contains("nodePools"); p && p->is_array()) {
      pools = p->as_array().size();
    }
    if (const auto* v = spec->as_object().if_contains("version"); v && v->is_string()) {
      version = std::string(v->as_string());
    }
  }
  return fmt::format("{} {}: generation {}, version {}, {} node pool(s)", kind_, key, generation,
                     version.empty() ? "(unset)" : version, pools);
}

Status LoggingReconciler::operator()(const std::string& key) const {
  spdlog::info("reconcile {}", Describe(key));
  return OkStatus();
}

}  // namespace navigator::controller
