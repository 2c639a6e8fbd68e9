// navigator::api::FieldSelector::Parse / String / Matches / ExactMatch /
// EscapeValue.
//
// Properties: errors are BadRequest; for text that parses as s, String() is
// canonical (Parse(String()) == s) and each requirement alone parses back to
// itself, holds for an object whose field has the requirement's value exactly
// when it is `=`, and ExactMatch agrees with the requirements. For any bytes
// v, "f=" + EscapeValue(v) parses to the value v.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/api/meta/field_selector.h"

using navigator::StatusCode;
using navigator::api::FieldSelector;
using navigator::fuzz::Printable;
using Req = FieldSelector::Requirement;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = navigator::fuzz::AsText(data, size);

  if (input.size() < FieldSelector::kMaxLength / 2) {
    auto escaped = FieldSelector::Parse("f=" + FieldSelector::EscapeValue(input));
    FUZZ_CHECK(escaped.ok() && escaped->requirements().size() == 1 &&
                   escaped->requirements()[0] == (Req{"f", Req::kEquals, std::string(input)}),
               "escaped value " + Printable(input));
  }

  auto s = FieldSelector::Parse(input);
  if (!s.ok()) {
    FUZZ_CHECK(s.status().code() == StatusCode::kBadRequest && !s.status().message().empty(),
               s.status().ToString());
    return 0;
  }
  FUZZ_CHECK(s->requirements().size() <= FieldSelector::kMaxRequirements, Printable(input));
  const std::string canonical = s->String();
  auto again = FieldSelector::Parse(canonical);
  FUZZ_CHECK(again.ok() && *again == *s && again->String() == canonical,
             "input " + Printable(input) + " gives " + Printable(canonical));
  FUZZ_CHECK(s->Empty() == canonical.empty(), "input " + Printable(input));

  for (const Req& r : s->requirements()) {
    auto alone = FieldSelector::Parse(r.String());
    FUZZ_CHECK(alone.ok() && alone->requirements().size() == 1 && alone->requirements()[0] == r,
               "requirement " + Printable(r.String()) + " of " + Printable(input));
    const bool holds = alone->Matches([&](std::string_view field) -> std::optional<std::string> {
      FUZZ_CHECK(field == r.field, "asked for " + Printable(field));
      return r.value;
    });
    FUZZ_CHECK(holds == (r.op == Req::kEquals), "requirement " + Printable(r.String()));
    const auto exact = s->ExactMatch(r.field);
    if (r.op == Req::kEquals) {
      FUZZ_CHECK(exact.has_value(), "no exact match for " + Printable(r.String()));
    }
    if (exact) {
      bool found = false;
      for (const Req& o : s->requirements()) {
        found |= o.field == r.field && o.op == Req::kEquals && o.value == *exact;
      }
      FUZZ_CHECK(found, "exact match " + Printable(*exact) + " for " + Printable(r.field));
    }
  }
  return 0;
}
