#pragma once

// Quantity is k8s.io/apimachinery resource.Quantity: an exact fixed-point
// number written as "<signed number><suffix>", e.g. "10Gi", "500m", "1e3".
// It reads and writes the same text Kubernetes does (see ToString), and never
// holds a floating-point value.

#include <cstdint>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::api {

class Quantity {
 public:
  // How the value is written back; the parsed suffix decides it.
  enum class Format {
    kDecimalExponent,  // 12e6
    kBinarySI,         // 12Mi (12 * 2^20)
    kDecimalSI,        // 12M  (12 * 10^6)
  };

  // Zero, formatted as DecimalSI ("0").
  Quantity() = default;

  // Parses `text` as Kubernetes' ParseQuantity does: the value is rounded up
  // (away from zero) to a multiple of 1n and a BinarySI value is capped at
  // 2^63-1 in magnitude. Errors are kBadRequest with Kubernetes' messages.
  // Deliberate differences: text over 100 characters, text with no digit
  // ("Gi", "."; Kubernetes reads some such text as zero) and decimal exponents
  // beyond the int32 range are rejected.
  static Result<Quantity> Parse(std::string_view text);

  // The text Kubernetes writes back: the parsed text itself when Kubernetes
  // keeps it (it does so for int64-sized values already in a canonical-looking
  // shape, e.g. "+1" or "1.500k"), otherwise the canonical form: no fraction,
  // the largest suffix of the parsed format that loses no precision ("1.5Gi"
  // -> "1536Mi", "0.5" -> "500m", "1000" -> "1k"). A DecimalSI value beyond
  // the "E" suffix is written with an exponent ("1e21"), as upstream now does.
  std::string ToString() const;

  Format format() const { return format_; }
  // -1, 0 or 1.
  int Sign() const;
  bool IsZero() const { return digits_.empty(); }
  // Numeric order: -1, 0 or 1. The format and the parsed text play no part.
  int Compare(const Quantity& other) const;
  bool operator==(const Quantity& other) const { return Compare(other) == 0; }

  // The value rounded up, away from zero, to an integer; saturates at the
  // int64 limits.
  int64_t Value() const;
  // The value times 1000, rounded up away from zero; saturates like Value().
  int64_t MilliValue() const;

 private:
  // ceil(|value| / 10^scale) with the value's sign, saturated to int64.
  int64_t ScaledValue(int64_t scale) const;

  // value = (negative_ ? -1 : 1) * digits_ * 10^exponent_. `digits_` has no
  // leading or trailing zeros and is empty for zero.
  bool negative_ = false;
  std::string digits_;
  int64_t exponent_ = 0;
  Format format_ = Format::kDecimalSI;
  // The parsed text when Kubernetes would write it back verbatim, else "".
  std::string kept_text_;
};

}  // namespace navigator::api
