// navigator::api::ApplyStrategicMergePatch with a schema shaped like the
// Navigator kinds (merge lists keyed by name, type and uid, a set of
// finalizers, a retainKeys field, a preserve-unknown-fields object). The input
// is a document and a patch, both JSON, separated by the first newline.
//
// Properties:
//  - errors are 400 or 422 (500 only for a document that is not an object)
//    with a short message, and leave the document unchanged;
//  - applying is deterministic;
//  - no directive reaches the result (when the document had none);
//  - the result stays within ParseJson's limits: written out, it parses again;
//  - without directives, and without nulls inside lists (which a strategic
//    merge patch drops from new list elements), the patch under an empty
//    schema gives what RFC 7386 merge patch gives.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "navigator/api/codec/json_parse.h"
#include "navigator/api/codec/merge_patch.h"
#include "navigator/api/codec/strategic_merge_patch.h"

using navigator::StatusCode;
using navigator::fuzz::Printable;

namespace {

const boost::json::object& Schema() {
  static const boost::json::object schema = boost::json::parse(R"({
    "type": "object",
    "properties": {
      "metadata": {"type": "object", "properties": {
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "finalizers": {"type": "array", "items": {"type": "string"},
                       "x-kubernetes-patch-strategy": "merge"},
        "ownerReferences": {"type": "array", "x-kubernetes-patch-merge-key": "uid",
                            "x-kubernetes-patch-strategy": "merge",
                            "items": {"type": "object"}}}},
      "spec": {"type": "object", "properties": {
        "nodePools": {"type": "array", "x-kubernetes-patch-merge-key": "name",
          "x-kubernetes-patch-strategy": "merge",
          "items": {"type": "object", "properties": {
            "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
            "env": {"type": "array", "x-kubernetes-patch-merge-key": "name",
                    "x-kubernetes-patch-strategy": "merge", "items": {"type": "object"}}}}},
        "strategy": {"type": "object", "x-kubernetes-patch-strategy": "retainKeys"},
        "image": {"type": "object", "x-kubernetes-patch-strategy": "replace"}}},
      "status": {"type": "object", "properties": {
        "conditions": {"type": "array", "x-kubernetes-patch-merge-key": "type",
                       "x-kubernetes-patch-strategy": "merge", "items": {"type": "object"}}}}}
  })")
                                                .as_object();
  return schema;
}

// True when some object inside a list has a null member.
bool HasNullInList(const boost::json::value& root) {
  std::vector<std::pair<const boost::json::value*, bool>> pending{{&root, false}};
  while (!pending.empty()) {
    auto [v, in_list] = pending.back();
    pending.pop_back();
    if (const auto* arr = v->if_array()) {
      for (const auto& item : *arr) pending.emplace_back(&item, true);
    } else if (const auto* obj = v->if_object()) {
      for (const auto& kv : *obj) {
        if (in_list && kv.value().is_null()) return true;
        pending.emplace_back(&kv.value(), in_list);
      }
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = navigator::fuzz::AsText(data, size);
  const std::size_t split = input.find('\n');
  if (split == std::string_view::npos) return 0;
  auto doc = navigator::api::ParseJson(input.substr(0, split));
  auto patch = navigator::api::ParseJson(input.substr(split + 1));
  if (!doc.ok() || !patch.ok()) return 0;

  boost::json::value target = doc->value;
  const navigator::Status status =
      navigator::api::ApplyStrategicMergePatch(target, patch->value, Schema());
  if (!status.ok()) {
    FUZZ_CHECK(status.code() == StatusCode::kBadRequest || status.code() == StatusCode::kInvalid ||
                   (status.code() == StatusCode::kInternal && !doc->value.is_object()),
               status.ToString());
    FUZZ_CHECK(status.message().size() < 2048, status.message());
    FUZZ_CHECK(target == doc->value, "input " + Printable(input) + " failed with " +
                                         status.message() + " but changed the document");
    return 0;
  }

  boost::json::value again = doc->value;
  FUZZ_CHECK(navigator::api::ApplyStrategicMergePatch(again, patch->value, Schema()).ok(),
             "input " + Printable(input));
  FUZZ_CHECK(again == target, "input " + Printable(input) + " patched two ways");
  if (!navigator::api::HasStrategicPatchDirectives(doc->value)) {
    FUZZ_CHECK(!navigator::api::HasStrategicPatchDirectives(target),
               "input " + Printable(input) +
                   " leaked a directive: " + Printable(boost::json::serialize(target)));
  }
  const std::string written = boost::json::serialize(target);
  auto reparsed = navigator::api::ParseJson(written);
  FUZZ_CHECK(reparsed.ok(), "input " + Printable(input) + " patched to " + Printable(written));

  if (!navigator::api::HasStrategicPatchDirectives(patch->value) && !HasNullInList(patch->value)) {
    boost::json::value plain = doc->value;
    FUZZ_CHECK(
        navigator::api::ApplyStrategicMergePatch(plain, patch->value, boost::json::object()).ok(),
        "input " + Printable(input));
    boost::json::value merged = doc->value;
    navigator::api::ApplyMergePatch(merged, patch->value);
    FUZZ_CHECK(plain == merged, "input " + Printable(input) + ": strategic " +
                                    Printable(boost::json::serialize(plain)) + " vs merge " +
                                    Printable(boost::json::serialize(merged)));
  }
  return 0;
}
