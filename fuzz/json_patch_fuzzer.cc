// navigator::api::ApplyJsonPatch (RFC 6902). The input is a document and a
// patch, both JSON, separated by the first newline.
//
// Properties:
//  - errors are 400, 413 or 422 with a short message, and leave the document
//    unchanged;
//  - applying is deterministic (a second copy patches to the same value);
//  - a patched document stays within ParseJson's limits: written out, it
//    parses again (so no operation nested it deeper than 100 levels);
//  - a patch of only `test` operations changes nothing.

#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "navigator/api/codec/json_parse.h"
#include "navigator/api/codec/json_patch.h"

using navigator::StatusCode;
using navigator::fuzz::Printable;

namespace {

bool OnlyTests(const boost::json::value& patch) {
  const auto* ops = patch.if_array();
  if (!ops) return false;
  for (const auto& op : *ops) {
    const auto* obj = op.if_object();
    const auto* name = obj ? obj->if_contains("op") : nullptr;
    if (!name || !name->is_string() || name->get_string() != "test") return false;
  }
  return true;
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
  const navigator::Status status = navigator::api::ApplyJsonPatch(target, patch->value);
  if (!status.ok()) {
    FUZZ_CHECK(status.code() == StatusCode::kBadRequest || status.code() == StatusCode::kInvalid ||
                   status.code() == StatusCode::kRequestEntityTooLarge,
               status.ToString());
    FUZZ_CHECK(status.message().size() < 1024, status.message());
    FUZZ_CHECK(target == doc->value, "input " + Printable(input) + " failed with " +
                                         status.message() + " but changed the document");
    return 0;
  }

  boost::json::value again = doc->value;
  FUZZ_CHECK(navigator::api::ApplyJsonPatch(again, patch->value).ok(), "input " + Printable(input));
  FUZZ_CHECK(again == target, "input " + Printable(input) + " patched two ways");

  const std::string written = boost::json::serialize(target);
  auto reparsed = navigator::api::ParseJson(written);
  FUZZ_CHECK(reparsed.ok(), "input " + Printable(input) + " patched to " + Printable(written) +
                                ": " + (reparsed.ok() ? "" : reparsed.status().message()));
  if (OnlyTests(patch->value)) {
    FUZZ_CHECK(target == doc->value, "input " + Printable(input) + ": tests changed the document");
  }
  return 0;
}
