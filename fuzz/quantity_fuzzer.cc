// navigator::api::Quantity::Parse.
//
// Properties, for text that parses as q:
//  - q.ToString() parses again, to a quantity equal to q (equal value;
//    Kubernetes stores the written form, so it must read back);
//  - writing settles after one rewrite: the text written for the re-parsed
//    quantity is written unchanged from then on ("62.5Ki" is 64000 in BinarySI
//    format, written "64000", which reads as DecimalSI and is then written
//    "64k": Kubernetes does the same);
//  - Value(), MilliValue() and Sign() agree between the two.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/api/resource/quantity.h"

using navigator::api::Quantity;
using navigator::fuzz::Printable;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto q = Quantity::Parse(text);
  if (!q.ok()) {
    FUZZ_CHECK(q.status().code() == navigator::StatusCode::kBadRequest, q.status().ToString());
    return 0;
  }
  FUZZ_CHECK(q->Compare(*q) == 0, "input " + Printable(text));
  const std::string written = q->ToString();
  auto again = Quantity::Parse(written);
  FUZZ_CHECK(again.ok(),
             "input " + Printable(text) + " is written as " + Printable(written) +
                 ", which does not parse: " + (again.ok() ? "" : again.status().message()));
  FUZZ_CHECK(*again == *q, "input " + Printable(text) + " is written as " + Printable(written) +
                               ", which parses to a different value (written back as " +
                               Printable(again->ToString()) + ")");
  const std::string rewritten = again->ToString();
  auto third = Quantity::Parse(rewritten);
  FUZZ_CHECK(third.ok() && *third == *q && third->ToString() == rewritten,
             "input " + Printable(text) + " is written as " + Printable(written) + ", then " +
                 Printable(rewritten) + ", then " +
                 (third.ok() ? Printable(third->ToString()) : third.status().message()));
  FUZZ_CHECK(again->Sign() == q->Sign() && again->Value() == q->Value() &&
                 again->MilliValue() == q->MilliValue(),
             "input " + Printable(text) + " and its written form " + Printable(written) +
                 " differ in Sign/Value/MilliValue");
  return 0;
}
