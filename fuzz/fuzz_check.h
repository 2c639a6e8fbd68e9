#pragma once

// Helpers shared by the fuzz harnesses: a property check that reports the
// failing input and aborts (libFuzzer then saves the input as a crash), and
// printable renderings of inputs for those reports.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace navigator::fuzz {

// The input as a C string literal, truncated to `limit` bytes.
inline std::string Printable(std::string_view s, std::size_t limit = 512) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < limit; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  out += s.size() > limit ? "\"..." : "\"";
  return out;
}

[[noreturn]] inline void Fail(const char* file, int line, const char* condition,
                              const std::string& detail) {
  std::fprintf(stderr, "\n==== fuzz property failed at %s:%d\n  check: %s\n  %s\n", file, line,
               condition, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

inline std::string_view AsText(const uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace navigator::fuzz

// FUZZ_CHECK(condition, detail): `detail` (anything convertible to
// std::string) is only evaluated when the check fails.
#define FUZZ_CHECK(condition, detail)                                    \
  do {                                                                   \
    if (!(condition)) {                                                  \
      ::navigator::fuzz::Fail(__FILE__, __LINE__, #condition, (detail)); \
    }                                                                    \
  } while (false)
