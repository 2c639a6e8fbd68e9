// navigator::api::ParseJson, with and without duplicate-key reporting.
//
// Properties:
//  - both modes accept and reject the same texts, with the same error, and
//    produce the same value;
//  - without reporting, no duplicates are listed; every reported duplicate is
//    a JSON path (".spec.a", or "[1].a" inside a top-level array);
//  - the value re-serialised parses again to an equal value (doubles within
//    a few ULP: see json_close.h), with no duplicates (Boost.JSON writes each
//    key once).

#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "json_close.h"
#include "navigator/api/codec/json_parse.h"

using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto plain = navigator::api::ParseJson(text);
  auto with_duplicates = navigator::api::ParseJson(text, /*report_duplicates=*/true);

  FUZZ_CHECK(plain.ok() == with_duplicates.ok(), "input " + Printable(text));
  if (!plain.ok()) {
    FUZZ_CHECK(plain.status().code() == navigator::StatusCode::kBadRequest,
               plain.status().ToString());
    FUZZ_CHECK(plain.status().message() == with_duplicates.status().message(),
               plain.status().message() + " vs " + with_duplicates.status().message());
    return 0;
  }
  FUZZ_CHECK(plain->value == with_duplicates->value, "input " + Printable(text));
  FUZZ_CHECK(plain->duplicate_fields.empty(), "input " + Printable(text));
  for (const std::string& path : with_duplicates->duplicate_fields) {
    FUZZ_CHECK(!path.empty() && (path.front() == '.' || path.front() == '['),
               "path " + Printable(path));
  }

  const std::string again = boost::json::serialize(plain->value);
  auto reparsed = navigator::api::ParseJson(again, /*report_duplicates=*/true);
  FUZZ_CHECK(reparsed.ok(), "re-serialised " + Printable(again) + ": " +
                                (reparsed.ok() ? "" : reparsed.status().message()));
  FUZZ_CHECK(reparsed->duplicate_fields.empty(), "re-serialised " + Printable(again));
  FUZZ_CHECK(navigator::fuzz::JsonClose(reparsed->value, plain->value),
             "input " + Printable(text) + " re-serialised " + Printable(again) +
                 " parses to another value, written " +
                 Printable(boost::json::serialize(reparsed->value)));
  return 0;
}
