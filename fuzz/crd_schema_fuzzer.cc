// navigator::bench::StructuralSchema (bench/apiserver/crd_schema.h: an
// OpenAPI v3 document's components.schemas to a CRD's structural schema).
// The input is JSON: an object of named schemas, expanded from "Root".
//
// Properties:
//  - errors are kBadRequest;
//  - an accepted schema is an object of type object with no $ref left and
//    only keywords CRDs accept, at every level.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/apiserver/crd_schema.h"
#include "fuzz_check.h"

using navigator::fuzz::Printable;
namespace bj = boost::json;

namespace {

void CheckClean(const bj::object& schema, std::string_view input) {
  for (const auto& kv : schema) {
    FUZZ_CHECK(navigator::bench::IsCrdSchemaKeyword(kv.key()),
               "input " + Printable(input) + " kept keyword " + std::string(kv.key()));
    const std::string_view key = kv.key();
    if (key == "properties" && kv.value().is_object()) {
      for (const auto& p : kv.value().as_object()) {
        if (p.value().is_object()) CheckClean(p.value().as_object(), input);
      }
    } else if ((key == "items" || key == "additionalProperties" || key == "not") &&
               kv.value().is_object()) {
      CheckClean(kv.value().as_object(), input);
    } else if ((key == "allOf" || key == "anyOf" || key == "oneOf") && kv.value().is_array()) {
      for (const auto& v : kv.value().as_array()) {
        if (v.is_object()) CheckClean(v.as_object(), input);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  boost::system::error_code ec;
  bj::value value = bj::parse(text, ec);
  if (ec || !value.is_object()) return 0;
  auto schema = navigator::bench::StructuralSchema(value.as_object(), "Root");
  if (!schema.ok()) {
    FUZZ_CHECK(schema.status().code() == navigator::StatusCode::kBadRequest,
               "input " + Printable(text) + ": " + schema.status().ToString());
    return 0;
  }
  FUZZ_CHECK(schema->contains("type") && schema->at("type") == "object",
             "input " + Printable(text) + " gave a root that is not of type object");
  CheckClean(*schema, text);
  return 0;
}
