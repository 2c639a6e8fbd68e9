// navigator::api::LabelSelector::Parse / String / Matches, and
// FromLabelSelectorJson when the input is a JSON document.
//
// Properties, for text that parses as s: errors are BadRequest; String() is
// canonical (Parse(String()) == s); each requirement alone matches or refuses
// the labels made of its own values as its operator says; a selector of only
// in/notin/exists/!exists requirements converts to a metav1.LabelSelector that
// FromLabelSelectorJson reads back equal. For JSON input that converts to s:
// Parse(s.String()) == s.

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "fuzz_check.h"
#include "navigator/api/meta/label_selector.h"

using navigator::StatusCode;
using navigator::api::LabelSelector;
using navigator::fuzz::Printable;
using Op = LabelSelector::Operator;

namespace {

void CheckRequirementAlone(const LabelSelector::Requirement& r, std::string_view input) {
  auto alone = LabelSelector::Parse(r.String());
  FUZZ_CHECK(alone.ok() && alone->requirements().size() == 1 && alone->requirements()[0] == r,
             "requirement " + Printable(r.String()) + " of " + Printable(input));
  const bool absent = alone->Matches({});
  FUZZ_CHECK(absent == (r.op == Op::kNotIn || r.op == Op::kNotEquals || r.op == Op::kDoesNotExist),
             "with no labels, " + Printable(r.String()));
  for (const std::string& v : r.values) {
    const std::map<std::string, std::string> labels = {{r.key, v}};
    bool expected = false;
    switch (r.op) {
      case Op::kIn:
      case Op::kEquals:
      case Op::kDoubleEquals:
      case Op::kExists:
        expected = true;
        break;
      case Op::kGreaterThan:
      case Op::kLessThan:  // the value is never beyond itself
      case Op::kNotIn:
      case Op::kNotEquals:
      case Op::kDoesNotExist:
        expected = false;
        break;
    }
    FUZZ_CHECK(
        alone->Matches(labels) == expected,
        "labels {" + Printable(r.key) + ": " + Printable(v) + "} against " + Printable(r.String()));
  }
}

std::string_view JsonOperator(Op op) {
  switch (op) {
    case Op::kIn:
      return "In";
    case Op::kNotIn:
      return "NotIn";
    case Op::kExists:
      return "Exists";
    case Op::kDoesNotExist:
      return "DoesNotExist";
    default:
      return "";
  }
}

void CheckJsonAgreement(const LabelSelector& s, std::string_view input) {
  boost::json::array expressions;
  for (const auto& r : s.requirements()) {
    const std::string_view op = JsonOperator(r.op);
    if (op.empty()) return;  // =, ==, !=, >, < have no matchExpressions form
    boost::json::array values;
    for (const std::string& v : r.values) values.emplace_back(v);
    expressions.push_back(
        boost::json::object{{"key", r.key}, {"operator", op}, {"values", std::move(values)}});
  }
  const boost::json::value json = boost::json::object{{"matchExpressions", expressions}};
  auto from_json = LabelSelector::FromLabelSelectorJson(json);
  FUZZ_CHECK(from_json.ok() && *from_json == s,
             "input " + Printable(input) + " as JSON " + boost::json::serialize(json) +
                 (from_json.ok() ? " gives " + Printable(from_json->String())
                                 : " fails: " + from_json.status().ToString()));
}

void FuzzJson(std::string_view input) {
  boost::json::error_code ec;
  const boost::json::value json = boost::json::parse(input, ec);
  if (ec) return;
  auto s = LabelSelector::FromLabelSelectorJson(json);
  if (!s.ok()) {
    FUZZ_CHECK(s.status().code() == StatusCode::kBadRequest && !s.status().message().empty(),
               s.status().ToString());
    return;
  }
  if (s->MatchesNothing()) {
    FUZZ_CHECK(json.is_null() && !s->Matches({}), "input " + Printable(input));
    return;
  }
  auto again = LabelSelector::Parse(s->String());
  FUZZ_CHECK(again.ok() && *again == *s,
             "JSON " + Printable(input) + " gives " + Printable(s->String()) +
                 (again.ok() ? ", which parses as " + Printable(again->String())
                             : ", which fails: " + again.status().ToString()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = navigator::fuzz::AsText(data, size);
  FuzzJson(input);
  auto s = LabelSelector::Parse(input);
  if (!s.ok()) {
    FUZZ_CHECK(s.status().code() == StatusCode::kBadRequest && !s.status().message().empty(),
               s.status().ToString());
    return 0;
  }
  FUZZ_CHECK(s->requirements().size() <= LabelSelector::kMaxRequirements, Printable(input));
  const std::string canonical = s->String();
  auto again = LabelSelector::Parse(canonical);
  FUZZ_CHECK(again.ok() && *again == *s && again->String() == canonical,
             "input " + Printable(input) + " gives " + Printable(canonical));
  FUZZ_CHECK(s->Empty() == canonical.empty(), "input " + Printable(input));
  for (const auto& r : s->requirements()) CheckRequirementAlone(r, input);
  CheckJsonAgreement(*s, input);
  return 0;
}
