#include "navigator/base/go_quote.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>

namespace navigator {
namespace {

struct Rune {
  char32_t value;
  std::size_t length;
};

// The rune starting at text[0], or nullopt when those bytes are not UTF-8.
std::optional<Rune> DecodeRune(std::string_view text) {
  const auto b0 = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t min = 0;
  if (b0 < 0x80) return Rune{b0, 1};
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
  return Rune{value, length};
}

// Runes above ASCII that Go's unicode.IsPrint rejects and that appear in
// practice: C1 controls, the soft hyphen, line/paragraph separators, the byte
// order mark and other format characters.
bool IsNonPrintingNonAscii(char32_t r) {
  return (r >= 0x80 && r <= 0xA0) || r == 0xAD || (r >= 0x2000 && r <= 0x200F) ||
         (r >= 0x2028 && r <= 0x202F) || (r >= 0x205F && r <= 0x206F) || r == 0x3000 ||
         r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0xE000 && r <= 0xF8FF);
}

void AppendEscapedRune(std::string& out, char32_t r) {
  switch (r) {
    case '\a':
      out += "\\a";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\v':
      out += "\\v";
      return;
    default:
      break;
  }
  if (r < 0x20 || r == 0x7F) {
    out += fmt::format("\\x{:02x}", static_cast<std::uint32_t>(r));
  } else if (r < 0x10000) {
    out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(r));
  } else {
    out += fmt::format("\\U{:08x}", static_cast<std::uint32_t>(r));
  }
}

}  // namespace

std::string GoQuote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  while (!text.empty()) {
    const auto rune = DecodeRune(text);
    if (!rune) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[0]));
      text.remove_prefix(1);
      continue;
    }
    const char32_t r = rune->value;
    if (r == '"' || r == '\\') {
      out += '\\';
      out += static_cast<char>(r);
    } else if (r >= 0x20 && r < 0x7F) {
      out += static_cast<char>(r);
    } else if (r >= 0x80 && !IsNonPrintingNonAscii(r)) {
      out.append(text.substr(0, rune->length));
    } else {
      AppendEscapedRune(out, r);
    }
    text.remove_prefix(rune->length);
  }
  out += '"';
  return out;
}

}  // namespace navigator
