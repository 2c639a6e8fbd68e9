#include "navigator/http/accept_encoding.h"

#include <fmt/format.h>

#include <algorithm>

namespace navigator::http {
namespace {

bool IsTokenChar(char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         kSymbols.find(c) != std::string_view::npos;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Quoted(std::string_view s) {
  // Bounded and printable, for error messages.
  std::string out;
  for (const char c : s.substr(0, 64)) {
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return "\"" + out + (s.size() > 64 ? "...\"" : "\"");
}

Status Invalid(std::string_view element, std::string_view why) {
  return BadRequest(fmt::format("invalid Accept-Encoding element {}: {}", Quoted(element), why));
}

// qvalue -> thousandths, or -1.
int ParseQValue(std::string_view s) {
  if (s.empty() || (s[0] != '0' && s[0] != '1')) return -1;
  int value = (s[0] - '0') * 1000;
  if (s.size() == 1) return value;
  if (s[1] != '.' || s.size() > 5) return -1;
  int scale = 100;
  for (const char c : s.substr(2)) {
    if (c < '0' || c > '9') return -1;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value <= 1000 ? value : -1;
}

}  // namespace

int AcceptEncoding::QualityOf(std::string_view coding) const {
  const auto names = [&](const CodingPreference& p) {
    return p.coding == coding || (coding == "gzip" && p.coding == "x-gzip");
  };
  int best = -1;
  int star = -1;
  for (const CodingPreference& p : codings) {
    if (names(p)) best = std::max(best, p.quality);
    if (p.coding == "*") star = std::max(star, p.quality);
  }
  if (best >= 0) return best;
  if (star >= 0) return star;
  return coding == "identity" ? 1000 : 0;
}

Result<AcceptEncoding> ParseAcceptEncoding(std::string_view value) {
  AcceptEncoding result;
  while (true) {
    const auto comma = value.find(',');
    const std::string_view element = TrimOws(value.substr(0, comma));
    if (!element.empty()) {
      const auto semicolon = element.find(';');
      const std::string_view coding = TrimOws(element.substr(0, semicolon));
      if (coding.empty() || !std::all_of(coding.begin(), coding.end(), IsTokenChar)) {
        return Invalid(element, "the coding is not a token");
      }
      CodingPreference preference{Lower(coding), 1000};
      if (semicolon != std::string_view::npos) {
        const std::string_view weight = TrimOws(element.substr(semicolon + 1));
        if (weight.size() < 2 || (weight[0] != 'q' && weight[0] != 'Q') || weight[1] != '=') {
          return Invalid(element, "the only parameter allowed is q=<qvalue>");
        }
        preference.quality = ParseQValue(weight.substr(2));
        if (preference.quality < 0) {
          return Invalid(element, "q must be a number from 0 to 1 with at most 3 decimals");
        }
      }
      result.codings.push_back(std::move(preference));
    }
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return result;
}

}  // namespace navigator::http
