// navigator::api::ParseRfc3339 and FormatRfc3339 (metav1.Time).
//
// Properties, for text that parses as t:
//  - FormatRfc3339(t) parses again, to t (stored timestamps must read back),
//    and formats to the same text;
//  - the formatted text has the fixed shape "YYYY-MM-DDTHH:MM:SSZ".

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/api/meta/time.h"

using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto t = navigator::api::ParseRfc3339(text);
  if (!t.ok()) {
    FUZZ_CHECK(t.status().code() == navigator::StatusCode::kBadRequest, t.status().ToString());
    return 0;
  }
  const std::string formatted = navigator::api::FormatRfc3339(*t);
  auto again = navigator::api::ParseRfc3339(formatted);
  FUZZ_CHECK(again.ok(),
             "input " + Printable(text) + " is formatted as " + Printable(formatted) +
                 ", which does not parse: " + (again.ok() ? "" : again.status().message()));
  FUZZ_CHECK(*again == *t, "input " + Printable(text) + " is formatted as " + Printable(formatted) +
                               ", which parses to another time");
  FUZZ_CHECK(navigator::api::FormatRfc3339(*again) == formatted,
             "input " + Printable(text) + " is formatted as " + Printable(formatted) + ", then " +
                 Printable(navigator::api::FormatRfc3339(*again)));
  FUZZ_CHECK(formatted.size() == 20 && formatted[10] == 'T' && formatted.back() == 'Z',
             "input " + Printable(text) + " is formatted as " + Printable(formatted));
  return 0;
}
