#include "navigator/api/codec/merge_patch.h"

#include <boost/json.hpp>

namespace navigator::api {

void ApplyMergePatch(boost::json::value& target, const boost::json::value& patch) {
  const auto* patch_object = patch.if_object();
  if (!patch_object) {
    target = patch;
    return;
  }
  if (!target.is_object()) target = boost::json::object();
  auto& object = target.as_object();
  for (const auto& kv : *patch_object) {
    if (kv.value().is_null()) {
      object.erase(kv.key());
    } else {
      ApplyMergePatch(object[kv.key()], kv.value());
    }
  }
}

bool HasPatchDirectives(const boost::json::value& patch) {
  if (const auto* arr = patch.if_array()) {
    for (const auto& item : *arr) {
      if (HasPatchDirectives(item)) return true;
    }
  } else if (const auto* obj = patch.if_object()) {
    for (const auto& kv : *obj) {
      if (kv.key().starts_with('$') || HasPatchDirectives(kv.value())) return true;
    }
  }
  return false;
}

}  // namespace navigator::api
