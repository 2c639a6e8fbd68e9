#include "navigator/api/resource/quantity.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace navigator::api {
namespace {

using Format = Quantity::Format;

constexpr size_t kMaxTextLength = 100;
constexpr std::string_view kFormatError =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr std::string_view kSuffixError = "unable to parse quantity's suffix";
constexpr std::string_view kNumericError = "unable to parse numeric part of quantity";
constexpr std::string_view kSuffixLetters = "eEinumkKMGTP";
// No value is finer than 1n (10^-9).
constexpr int64_t kNanoExponent = -9;
constexpr uint64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr std::string_view kInt64MaxDigits = "9223372036854775807";

struct NamedPower {
  std::string_view name;
  int exponent;  // of 10 for decimal suffixes, of 2 for binary ones
};
constexpr std::array<NamedPower, 10> kDecimalSuffixes = {{{"n", -9},
                                                          {"u", -6},
                                                          {"m", -3},
                                                          {"", 0},
                                                          {"k", 3},
                                                          {"M", 6},
                                                          {"G", 9},
                                                          {"T", 12},
                                                          {"P", 15},
                                                          {"E", 18}}};
// Ordered by exponent: entry i is 1024^(i+1).
constexpr std::array<NamedPower, 6> kBinarySuffixes = {
    {{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// A quantity's text split as Kubernetes' scanner splits it.
struct Lexeme {
  bool negative = false;
  std::string_view whole;     // integer digits after any leading zeros
  std::string_view fraction;  // digits after the '.'
  std::string_view suffix;
  bool has_digit = false;
};

// nullopt when `text` does not have the shape number-then-suffix.
std::optional<Lexeme> Lex(std::string_view text) {
  Lexeme out;
  size_t pos = 0;
  const auto skip_digits = [&] {
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
  };
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    out.negative = text[pos++] == '-';
  }
  for (; pos < text.size() && text[pos] == '0'; ++pos) out.has_digit = true;
  size_t start = pos;
  skip_digits();
  out.whole = text.substr(start, pos - start);
  if (pos < text.size() && text[pos] == '.') {
    start = ++pos;
    skip_digits();
    out.fraction = text.substr(start, pos - start);
  }
  out.has_digit = out.has_digit || !out.whole.empty() || !out.fraction.empty();
  start = pos;
  while (pos < text.size() && kSuffixLetters.find(text[pos]) != std::string_view::npos) ++pos;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
  skip_digits();
  if (pos != text.size()) return std::nullopt;
  out.suffix = text.substr(start);
  return out;
}

struct Suffix {
  int base;          // 10 or 2
  int64_t exponent;  // of `base`
  Format format;
};

// A signed decimal integer of at most `limit` in magnitude (Go ParseInt
// syntax), or nullopt.
std::optional<int64_t> ParseBoundedInt(std::string_view text, int64_t limit) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!IsDigit(c) || value > (limit - (c - '0')) / 10) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

std::optional<Suffix> InterpretSuffix(std::string_view text) {
  for (const auto& s : kDecimalSuffixes) {
    if (s.name == text) return Suffix{10, s.exponent, Format::kDecimalSI};
  }
  for (const auto& s : kBinarySuffixes) {
    if (s.name == text) return Suffix{2, s.exponent, Format::kBinarySI};
  }
  if (text.size() > 1 && (text[0] == 'e' || text[0] == 'E')) {
    auto exponent = ParseBoundedInt(text.substr(1), std::numeric_limits<int32_t>::max());
    if (exponent) return Suffix{10, *exponent, Format::kDecimalExponent};
  }
  return std::nullopt;
}

// Whether Kubernetes' int64 fast path keeps the parsed text as the written
// form (it skips canonicalisation when the text already looks canonical).
bool KubernetesKeepsText(const Lexeme& lex, const Suffix& suffix) {
  const std::string_view whole = lex.whole.empty() ? "0" : lex.whole;
  if (suffix.format == Format::kBinarySI) {
    const int64_t precision =
        15 - static_cast<int64_t>(whole.size()) - suffix.exponent * 3 / 10 - 1;
    if (!lex.fraction.empty() || precision < 0) return false;
    const auto value = ParseBoundedInt(whole, std::numeric_limits<int64_t>::max());
    return value && *value <= static_cast<int64_t>(kInt64Max >> suffix.exponent) && *value % 8 != 0;
  }
  const int64_t scale = suffix.exponent - static_cast<int64_t>(lex.fraction.size());
  if (whole.size() + lex.fraction.size() > 18 || scale < kNanoExponent || scale % 3 != 0) {
    return false;
  }
  const std::string shifted = std::string(whole) + std::string(lex.fraction);
  return shifted[0] != '0' && !shifted.ends_with("000");
}

// Decimal digit strings below are magnitudes: most significant digit first.

void StripLeadingZeros(std::string& digits) {
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
}

// Moves trailing zeros into `exponent`; zero becomes "".
void Normalize(std::string& digits, int64_t& exponent) {
  StripLeadingZeros(digits);
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
}

void MultiplyBy(std::string& digits, unsigned factor) {
  unsigned carry = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    const unsigned product = static_cast<unsigned>(*it - '0') * factor + carry;
    *it = static_cast<char>('0' + product % 10);
    carry = product / 10;
  }
  for (; carry > 0; carry /= 10) digits.insert(digits.begin(), static_cast<char>('0' + carry % 10));
}

void Increment(std::string& digits) {
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return;
    }
    *it = '0';
  }
  digits.insert(digits.begin(), '1');
}

// Rounds a normalised non-zero magnitude up to a multiple of 10^-9.
void RoundUpToNano(std::string& digits, int64_t& exponent) {
  if (digits.empty() || exponent >= kNanoExponent) return;
  const int64_t dropped = kNanoExponent - exponent;
  exponent = kNanoExponent;
  if (dropped >= static_cast<int64_t>(digits.size())) {
    digits = "1";
    return;
  }
  // The dropped digits end in a non-zero digit, so rounding always adds one.
  digits.resize(digits.size() - static_cast<size_t>(dropped));
  Increment(digits);
  Normalize(digits, exponent);
}

// Orders two normalised non-zero magnitudes.
int CompareMagnitude(std::string_view a, int64_t a_exponent, std::string_view b,
                     int64_t b_exponent) {
  const int64_t a_length = static_cast<int64_t>(a.size()) + a_exponent;
  const int64_t b_length = static_cast<int64_t>(b.size()) + b_exponent;
  if (a_length != b_length) return a_length < b_length ? -1 : 1;
  const size_t common = std::min(a.size(), b.size());
  if (int c = a.substr(0, common).compare(b.substr(0, common)); c != 0) return c < 0 ? -1 : 1;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

// ceil(digits * 10^exponent) for a normalised magnitude, or nullopt when that
// exceeds `limit`.
std::optional<uint64_t> CeilMagnitude(std::string_view digits, int64_t exponent, uint64_t limit) {
  const int64_t integer_digits = static_cast<int64_t>(digits.size()) + exponent;
  if (integer_digits > 20) return std::nullopt;
  uint64_t value = 0;
  for (int64_t i = 0; i < integer_digits; ++i) {
    const unsigned digit =
        i < static_cast<int64_t>(digits.size()) ? static_cast<unsigned>(digits[i] - '0') : 0;
    if (value > (limit - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  // A negative exponent leaves a fraction: the last digit is never zero.
  if (exponent < 0) {
    if (value == limit) return std::nullopt;
    ++value;
  }
  return value;
}

}  // namespace

Result<Quantity> Quantity::Parse(std::string_view text) {
  if (text.empty()) return BadRequest(std::string(kFormatError));
  if (text.size() > kMaxTextLength) {
    return BadRequest("quantities must be at most " + std::to_string(kMaxTextLength) +
                      " characters long");
  }
  const std::optional<Lexeme> lex = Lex(text);
  if (!lex) return BadRequest(std::string(kFormatError));
  const std::optional<Suffix> suffix = InterpretSuffix(lex->suffix);
  if (!suffix) return BadRequest(std::string(kSuffixError));
  if (!lex->has_digit) return BadRequest(std::string(kNumericError));

  Quantity q;
  q.format_ = suffix->format;
  q.digits_ = std::string(lex->whole) + std::string(lex->fraction);
  q.exponent_ = -static_cast<int64_t>(lex->fraction.size());
  if (suffix->base == 10) {
    q.exponent_ += suffix->exponent;
  } else {
    for (int64_t i = 0; i < suffix->exponent / 10; ++i) MultiplyBy(q.digits_, 1024);
  }
  Normalize(q.digits_, q.exponent_);
  RoundUpToNano(q.digits_, q.exponent_);
  if (q.format_ == Format::kBinarySI && !q.digits_.empty()) {
    if (CompareMagnitude(q.digits_, q.exponent_, kInt64MaxDigits, 0) > 0) {
      q.digits_ = kInt64MaxDigits;
      q.exponent_ = 0;
    }
    if (static_cast<int64_t>(q.digits_.size()) + q.exponent_ <= 0) {
      q.format_ = Format::kDecimalSI;  // below one: binary suffixes would round it
    }
  }
  q.negative_ = lex->negative && !q.digits_.empty();
  if (KubernetesKeepsText(*lex, *suffix)) q.kept_text_ = std::string(text);
  // What is accepted must read back: the canonical form has to fit the same
  // bounds. Its exponent (lowered to a multiple of three) is parsed as a
  // 32-bit integer, as Kubernetes parses it; negative ones stop at nano.
  const int64_t written_exponent = q.exponent_ - ((q.exponent_ % 3) + 3) % 3;
  if (written_exponent > std::numeric_limits<int32_t>::max()) {
    return BadRequest("quantity is out of range: its exponent must fit a 32-bit integer");
  }
  if (q.ToString().size() > kMaxTextLength) {
    return BadRequest("quantity is too precise: its canonical form would be longer than " +
                      std::to_string(kMaxTextLength) + " characters");
  }
  return q;
}

std::string Quantity::ToString() const {
  if (!kept_text_.empty()) return kept_text_;
  if (IsZero()) return "0";
  std::string out = negative_ ? "-" : "";
  if (format_ == Format::kBinarySI && exponent_ >= 0 &&
      CompareMagnitude(digits_, exponent_, "1024", 0) >= 0) {
    // An integer of at least 1024: the largest power of 1024 that divides it.
    uint64_t value = CeilMagnitude(digits_, exponent_, kInt64Max).value_or(kInt64Max);
    size_t power = 0;
    for (; power < kBinarySuffixes.size() && value % 1024 == 0; ++power) value /= 1024;
    out += std::to_string(value);
    if (power > 0) out += kBinarySuffixes[power - 1].name;
    return out;
  }
  // Decimal: the exponent is lowered to a multiple of three.
  int64_t exponent = exponent_;
  out += digits_;
  for (; exponent % 3 != 0; --exponent) out.push_back('0');
  if (format_ != Format::kDecimalExponent) {
    for (const auto& s : kDecimalSuffixes) {
      if (s.exponent == exponent) return out + std::string(s.name);
    }
  }
  // DecimalExponent, and DecimalSI beyond the largest suffix.
  if (exponent != 0) out += "e" + std::to_string(exponent);
  return out;
}

int Quantity::Sign() const {
  if (IsZero()) return 0;
  return negative_ ? -1 : 1;
}

int Quantity::Compare(const Quantity& other) const {
  const int sign = Sign();
  const int other_sign = other.Sign();
  if (sign != other_sign) return sign < other_sign ? -1 : 1;
  if (sign == 0) return 0;
  return sign * CompareMagnitude(digits_, exponent_, other.digits_, other.exponent_);
}

int64_t Quantity::Value() const {
  return ScaledValue(0);
}

int64_t Quantity::MilliValue() const {
  return ScaledValue(-3);
}

int64_t Quantity::ScaledValue(int64_t scale) const {
  if (IsZero()) return 0;
  const uint64_t limit = negative_ ? kInt64Max + 1 : kInt64Max;
  const std::optional<uint64_t> magnitude = CeilMagnitude(digits_, exponent_ - scale, limit);
  if (!magnitude) {
    return negative_ ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
  }
  if (!negative_) return static_cast<int64_t>(*magnitude);
  // -(2^63) has no positive int64 counterpart; negate in unsigned arithmetic.
  return static_cast<int64_t>(~*magnitude + 1);
}

}  // namespace navigator::api
