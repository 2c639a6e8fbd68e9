#include "navigator/api/meta/label_selector.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/meta/selector_text.h"
#include "navigator/api/validation/field_errors.h"
#include "navigator/api/validation/name_validation.h"
#include "navigator/base/go_quote.h"

namespace navigator::api {
namespace {

using Op = LabelSelector::Operator;
using Requirement = LabelSelector::Requirement;

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range.
std::optional<int64_t> ParseInt64(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return std::nullopt;
  }
  int64_t out = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return out;
}

// A client's key or value shown in an error, Go-quoted and cut to 256 bytes.
FieldValue Shown(std::string_view text) {
  constexpr std::size_t kLimit = 256;
  if (text.size() <= kLimit) return text;
  return FieldValue::Verbatim(GoQuote(text.substr(0, kLimit)) + "...");
}

void SortUnique(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

std::string JoinErrors(const std::vector<std::string>& errs) {
  std::string out;
  for (const std::string& e : errs) {
    if (!out.empty()) out += "; ";
    out += e;
  }
  return out;
}

void ValidateKey(std::string_view key, const FieldPath& path, FieldErrorList& errs) {
  if (auto problems = IsQualifiedName(key); !problems.empty()) {
    errs.Invalid(path, Shown(key), JoinErrors(problems));
  }
}

// The value rules of labels.NewRequirement (the key is checked apart).
void ValidateValues(const Requirement& r, const FieldPath& path, FieldErrorList& errs) {
  const FieldPath values_path = path.Child("values");
  const std::size_t n = r.values.size();
  switch (r.op) {
    case Op::kIn:
    case Op::kNotIn:
      if (n == 0) {
        errs.Invalid(values_path, FieldValue::Verbatim("[]"),
                     "for 'in', 'notin' operators, values set can't be empty");
      }
      break;
    case Op::kEquals:
    case Op::kDoubleEquals:
    case Op::kNotEquals:
      if (n != 1) {
        errs.Invalid(values_path, FieldValue::Verbatim(fmt::format("{} values", n)),
                     "exact-match compatibility requires one single value");
      }
      break;
    case Op::kExists:
    case Op::kDoesNotExist:
      if (n != 0) {
        errs.Invalid(values_path, FieldValue::Verbatim(fmt::format("{} values", n)),
                     "values set must be empty for exists and does not exist");
      }
      break;
    case Op::kGreaterThan:
    case Op::kLessThan:
      if (n != 1) {
        errs.Invalid(values_path, FieldValue::Verbatim(fmt::format("{} values", n)),
                     "for 'Gt', 'Lt' operators, exactly one value is required");
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (!ParseInt64(r.values[i])) {
          errs.Invalid(values_path.Index(i), Shown(r.values[i]),
                       "for 'Gt', 'Lt' operators, the value must be an integer");
        }
      }
      break;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (auto problems = IsValidLabelValue(r.values[i]); !problems.empty()) {
      errs.Invalid(values_path.Index(i).Key(r.key), Shown(r.values[i]), JoinErrors(problems));
    }
  }
}

std::string_view OperatorText(Op op) {
  switch (op) {
    case Op::kIn:
      return " in ";
    case Op::kNotIn:
      return " notin ";
    case Op::kEquals:
      return "=";
    case Op::kDoubleEquals:
      return "==";
    case Op::kNotEquals:
      return "!=";
    case Op::kGreaterThan:
      return ">";
    case Op::kLessThan:
      return "<";
    case Op::kExists:
    case Op::kDoesNotExist:
      break;
  }
  return "";
}

// ---- the string syntax -----------------------------------------------------

enum class Tok {
  kEnd,
  kClosePar,
  kComma,
  kNot,  // "!"
  kDoubleEquals,
  kEquals,
  kGreater,
  kIdentifier,
  kIn,  // the keyword; an identifier where a key or value is expected
  kLess,
  kNotEquals,
  kNotIn,
  kOpenPar,
};

struct Token {
  Tok kind;
  std::string_view text;  // "" for kEnd
};

bool IsWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool IsSpecial(char c) {
  return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

// Splits `text` as labels.Lexer does: runs of non-special, non-space bytes are
// identifiers (or the keywords in/notin), "==" and "!=" are read before the
// one-character symbols.
std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (true) {
    while (i < text.size() && IsWhitespace(text[i])) ++i;
    if (i == text.size()) break;
    const char c = text[i];
    if (IsSpecial(c)) {
      const bool pair = i + 1 < text.size() && text[i + 1] == '=' && (c == '=' || c == '!');
      Tok kind = Tok::kEnd;
      switch (c) {
        case '=':
          kind = pair ? Tok::kDoubleEquals : Tok::kEquals;
          break;
        case '!':
          kind = pair ? Tok::kNotEquals : Tok::kNot;
          break;
        case '(':
          kind = Tok::kOpenPar;
          break;
        case ')':
          kind = Tok::kClosePar;
          break;
        case ',':
          kind = Tok::kComma;
          break;
        case '>':
          kind = Tok::kGreater;
          break;
        default:
          kind = Tok::kLess;
          break;
      }
      const std::size_t length = pair ? 2 : 1;
      out.push_back({kind, text.substr(i, length)});
      i += length;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && !IsSpecial(text[i]) && !IsWhitespace(text[i])) ++i;
    const std::string_view word = text.substr(start, i - start);
    const Tok kind = word == "in" ? Tok::kIn : word == "notin" ? Tok::kNotIn : Tok::kIdentifier;
    out.push_back({kind, word});
  }
  out.push_back({Tok::kEnd, {}});
  return out;
}

// labels.Parser: a recursive descent over the tokens. Where a key or a value
// is expected the keywords are identifiers ("in in (in)" is valid).
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<std::vector<Requirement>> ParseAll() {
    std::vector<Requirement> out;
    while (true) {
      const Token t = Peek();
      if (t.kind == Tok::kEnd) return out;
      if (t.kind != Tok::kIdentifier && t.kind != Tok::kNot) {
        return Error("found '{}', expected: !, identifier, or 'end of string'", t);
      }
      if (out.size() == LabelSelector::kMaxRequirements) {
        return BadRequest(fmt::format("label selector has more than {} requirements",
                                      LabelSelector::kMaxRequirements));
      }
      auto r = ParseRequirement();
      if (!r.ok()) {
        return BadRequest("unable to parse requirement: " + r.status().message());
      }
      out.push_back(std::move(*r));
      const Token next = Next();
      if (next.kind == Tok::kEnd) return out;
      if (next.kind != Tok::kComma) {
        return Error("found '{}', expected: ',' or 'end of string'", next);
      }
      const Token after = Peek();
      if (after.kind != Tok::kIdentifier && after.kind != Tok::kNot) {
        return Error("found '{}', expected: identifier after ','", after);
      }
    }
  }

 private:
  // The token at the cursor, keywords read as identifiers.
  Token Peek() const { return AsValue(tokens_[pos_]); }
  Token Next() { return AsValue(tokens_[pos_++]); }
  // For the operator position only: keywords stay keywords.
  Token NextRaw() { return tokens_[pos_++]; }

  static Token AsValue(Token t) {
    if (t.kind == Tok::kIn || t.kind == Tok::kNotIn) t.kind = Tok::kIdentifier;
    return t;
  }

  static Status Error(fmt::format_string<std::string> format, const Token& t) {
    return BadRequest(fmt::format(format, internal::SelectorText(t.text)));
  }

  Result<Requirement> ParseRequirement() {
    Requirement r;
    Token t = Next();
    const bool negated = t.kind == Tok::kNot;
    if (negated) t = Next();
    if (t.kind != Tok::kIdentifier) return Error("found '{}', expected: identifier", t);
    r.key = std::string(t.text);
    FieldErrorList errs;
    ValidateKey(r.key, FieldPath("key"), errs);
    if (!errs.empty()) return BadRequest(AggregateMessage(errs));
    if (negated) {
      r.op = Op::kDoesNotExist;
      return r;
    }
    if (const Tok k = Peek().kind; k == Tok::kEnd || k == Tok::kComma) {
      r.op = Op::kExists;
      return r;
    }
    NAVIGATOR_RETURN_IF_ERROR(ParseOperator(r));
    if (r.op == Op::kIn || r.op == Op::kNotIn) {
      NAVIGATOR_RETURN_IF_ERROR(ParseValueSet(r.values));
    } else {
      NAVIGATOR_RETURN_IF_ERROR(ParseExactValue(r.values));
    }
    SortUnique(r.values);
    ValidateValues(r, FieldPath(), errs);
    if (!errs.empty()) return BadRequest(AggregateMessage(errs));
    return r;
  }

  Status ParseOperator(Requirement& r) {
    const Token t = NextRaw();
    switch (t.kind) {
      case Tok::kIn:
        r.op = Op::kIn;
        break;
      case Tok::kNotIn:
        r.op = Op::kNotIn;
        break;
      case Tok::kEquals:
        r.op = Op::kEquals;
        break;
      case Tok::kDoubleEquals:
        r.op = Op::kDoubleEquals;
        break;
      case Tok::kNotEquals:
        r.op = Op::kNotEquals;
        break;
      case Tok::kGreater:
        r.op = Op::kGreaterThan;
        break;
      case Tok::kLess:
        r.op = Op::kLessThan;
        break;
      default:
        return Error("found '{}', expected: in, notin, =, ==, !=, >, <", t);
    }
    return OkStatus();
  }

  // "(" values ")", where empty entries are the empty value: "()", "(a,)",
  // "(,a)" and "(a,,b)" all contain "".
  Status ParseValueSet(std::vector<std::string>& values) {
    const Token open = Next();
    if (open.kind != Tok::kOpenPar) return Error("found '{}', expected: '('", open);
    bool expect_value = true;  // at the start or after a comma
    while (true) {
      const Token t = Next();
      if (t.kind == Tok::kIdentifier && expect_value) {
        values.emplace_back(t.text);
        expect_value = false;
      } else if (t.kind == Tok::kComma) {
        if (expect_value) values.emplace_back();
        expect_value = true;
      } else if (t.kind == Tok::kClosePar) {
        if (expect_value) values.emplace_back();
        return OkStatus();
      } else if (expect_value) {
        return Error("found '{}', expected: ',', ')' or identifier", t);
      } else {
        return Error("found '{}', expected: ',' or ')'", t);
      }
    }
  }

  // One value, or nothing (the empty value) before "," or the end.
  Status ParseExactValue(std::vector<std::string>& values) {
    if (const Tok k = Peek().kind; k == Tok::kEnd || k == Tok::kComma) {
      values.emplace_back();
      return OkStatus();
    }
    const Token t = Next();
    if (t.kind != Tok::kIdentifier) return Error("found '{}', expected: identifier", t);
    values.emplace_back(t.text);
    return OkStatus();
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

// ---- metav1.LabelSelector --------------------------------------------------

namespace bj = boost::json;

Status TypeError(std::string_view path, std::string_view expected, const bj::value& got) {
  return BadRequest(
      fmt::format("{}: Invalid value: {}: expected {}", path, JsonKindName(got), expected));
}

Result<Requirement> ExpressionFromJson(const bj::value& v, std::size_t index) {
  const std::string path = fmt::format("matchExpressions[{}]", index);
  const bj::object* obj = v.if_object();
  if (obj == nullptr) return TypeError(path, "an object", v);
  Requirement r;
  std::string op;
  if (const bj::value* key = obj->if_contains("key"); key != nullptr && !key->is_null()) {
    if (!key->is_string()) return TypeError(path + ".key", "a string", *key);
    r.key = std::string(key->get_string());
  }
  if (const bj::value* o = obj->if_contains("operator"); o != nullptr && !o->is_null()) {
    if (!o->is_string()) return TypeError(path + ".operator", "a string", *o);
    op = std::string(o->get_string());
  }
  if (const bj::value* vals = obj->if_contains("values"); vals != nullptr && !vals->is_null()) {
    const bj::array* arr = vals->if_array();
    if (arr == nullptr) return TypeError(path + ".values", "an array of strings", *vals);
    for (std::size_t i = 0; i < arr->size(); ++i) {
      const bj::value& item = (*arr)[i];
      if (!item.is_string()) {
        return TypeError(fmt::format("{}.values[{}]", path, i), "a string", item);
      }
      r.values.emplace_back(item.get_string());
    }
  }
  if (op == "In") {
    r.op = Op::kIn;
  } else if (op == "NotIn") {
    r.op = Op::kNotIn;
  } else if (op == "Exists") {
    r.op = Op::kExists;
  } else if (op == "DoesNotExist") {
    r.op = Op::kDoesNotExist;
  } else {
    FieldErrorList errs;
    errs.NotSupported(FieldPath(path).Child("operator"), op,
                      {"DoesNotExist", "Exists", "In", "NotIn"});
    return BadRequest(AggregateMessage(errs));
  }
  SortUnique(r.values);
  FieldErrorList errs;
  ValidateKey(r.key, FieldPath(path).Child("key"), errs);
  ValidateValues(r, FieldPath(path), errs);
  if (!errs.empty()) return BadRequest(AggregateMessage(errs));
  return r;
}

}  // namespace

std::string LabelSelector::Requirement::String() const {
  std::string out;
  if (op == Op::kDoesNotExist) out += '!';
  out += key;
  if (op == Op::kExists || op == Op::kDoesNotExist) return out;
  out += OperatorText(op);
  const bool set = op == Op::kIn || op == Op::kNotIn;
  if (set) out += '(';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += values[i];
  }
  if (set) out += ')';
  return out;
}

LabelSelector::LabelSelector(std::vector<Requirement> requirements)
    : requirements_(std::move(requirements)) {
  std::stable_sort(requirements_.begin(), requirements_.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
}

LabelSelector LabelSelector::Nothing() {
  LabelSelector out;
  out.nothing_ = true;
  return out;
}

Result<LabelSelector> LabelSelector::Parse(std::string_view text) {
  if (text.size() > kMaxLength) {
    return BadRequest(fmt::format("label selector is {} bytes long; at most {} are allowed",
                                  text.size(), kMaxLength));
  }
  Parser parser(Lex(text));
  NAVIGATOR_ASSIGN_OR_RETURN(std::vector<Requirement> requirements, parser.ParseAll());
  return LabelSelector(std::move(requirements));
}

Result<LabelSelector> LabelSelector::FromLabelSelectorJson(const boost::json::value& json) {
  if (json.is_null()) return Nothing();
  const bj::object* obj = json.if_object();
  if (obj == nullptr) return TypeError("labelSelector", "an object", json);
  std::vector<Requirement> requirements;
  if (const bj::value* labels = obj->if_contains("matchLabels");
      labels != nullptr && !labels->is_null()) {
    const bj::object* map = labels->if_object();
    if (map == nullptr) return TypeError("matchLabels", "an object of strings", *labels);
    for (const auto& [key, value] : *map) {
      const FieldPath path = FieldPath("matchLabels").Key(internal::SelectorText(key));
      if (!value.is_string()) return TypeError(path.String(), "a string", value);
      Requirement r{.key = std::string(key), .op = Op::kEquals, .values = {}};
      r.values.emplace_back(value.get_string());
      FieldErrorList errs;
      ValidateKey(r.key, FieldPath("matchLabels"), errs);
      if (auto problems = IsValidLabelValue(r.values[0]); !problems.empty()) {
        errs.Invalid(path, Shown(r.values[0]), JoinErrors(problems));
      }
      if (!errs.empty()) return BadRequest(AggregateMessage(errs));
      requirements.push_back(std::move(r));
    }
  }
  if (const bj::value* exprs = obj->if_contains("matchExpressions");
      exprs != nullptr && !exprs->is_null()) {
    const bj::array* arr = exprs->if_array();
    if (arr == nullptr) return TypeError("matchExpressions", "an array", *exprs);
    for (std::size_t i = 0; i < arr->size(); ++i) {
      NAVIGATOR_ASSIGN_OR_RETURN(Requirement r, ExpressionFromJson((*arr)[i], i));
      requirements.push_back(std::move(r));
    }
  }
  if (requirements.size() > kMaxRequirements) {
    return BadRequest(
        fmt::format("label selector has more than {} requirements", kMaxRequirements));
  }
  return LabelSelector(std::move(requirements));
}

bool LabelSelector::Matches(const std::map<std::string, std::string>& labels) const {
  if (nothing_) return false;
  for (const Requirement& r : requirements_) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    const auto contains = [&] {
      return std::binary_search(r.values.begin(), r.values.end(), it->second);
    };
    bool ok = false;
    switch (r.op) {
      case Op::kIn:
      case Op::kEquals:
      case Op::kDoubleEquals:
        ok = has && contains();
        break;
      case Op::kNotIn:
      case Op::kNotEquals:
        ok = !has || !contains();
        break;
      case Op::kExists:
        ok = has;
        break;
      case Op::kDoesNotExist:
        ok = !has;
        break;
      case Op::kGreaterThan:
      case Op::kLessThan: {
        if (!has || r.values.size() != 1) break;
        const auto actual = ParseInt64(it->second);
        const auto bound = ParseInt64(r.values[0]);
        if (!actual || !bound) break;
        ok = r.op == Op::kGreaterThan ? *actual > *bound : *actual < *bound;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

std::string LabelSelector::String() const {
  std::string out;
  for (const Requirement& r : requirements_) {
    if (!out.empty()) out += ',';
    out += r.String();
  }
  return out;
}

}  // namespace navigator::api
