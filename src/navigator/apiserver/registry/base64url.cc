#include "navigator/apiserver/registry/base64url.h"

#include <array>
#include <cstdint>

namespace navigator::registry {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The 6-bit value of each byte, or -1 for bytes outside the alphabet.
constexpr std::array<int8_t, 256> kValues = [] {
  std::array<int8_t, 256> values{};
  values.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    values[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return values;
}();

}  // namespace

std::string Base64UrlEncode(std::string_view data) {
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                       static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 |
                       static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    out += kAlphabet[n >> 6 & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) n |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kAlphabet[n >> 18 & 63];
    out += kAlphabet[n >> 12 & 63];
    if (rest == 2) out += kAlphabet[n >> 6 & 63];
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text, std::size_t* error_offset) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t bits = 0;
  int count = 0;  // bits held
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int8_t v = kValues[static_cast<unsigned char>(text[i])];
    if (v < 0) {
      if (error_offset != nullptr) *error_offset = i;
      return std::nullopt;
    }
    bits = (bits << 6 | static_cast<uint32_t>(v)) & 0xFFFFFF;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>(bits >> count & 0xFF);
    }
  }
  // 4n+1 characters leave 6 bits: not a whole byte.
  if (text.size() % 4 == 1) {
    if (error_offset != nullptr) *error_offset = text.size() - 1;
    return std::nullopt;
  }
  return out;
}

}  // namespace navigator::registry
