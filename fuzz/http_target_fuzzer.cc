// navigator::http::internal::ParseTarget and PercentDecode (the request line's
// target).
//
// Properties:
//  - errors are BadRequest;
//  - an accepted target has the path "*" (asterisk form, exactly "*") or a
//    path starting with '/';
//  - the parsed path and query, percent-encoded again, parse to the same
//    path and query;
//  - PercentDecode never grows its input, and undoes percent-encoding of any
//    bytes.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/http/target.h"

using navigator::fuzz::Printable;
namespace http = navigator::http;

namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Escapes every byte but the unreserved ones (and '/' when `keep_slash`).
std::string PercentEncode(std::string_view in, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Describe(const http::internal::ParsedTarget& t) {
  std::string out = "path " + Printable(t.path) + " query [";
  for (const auto& [name, value] : t.query) out += Printable(name) + "=" + Printable(value) + " ";
  return out + "]";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);

  for (const bool plus_as_space : {false, true}) {
    auto decoded = http::internal::PercentDecode(text, plus_as_space);
    if (decoded.ok()) {
      FUZZ_CHECK(decoded->size() <= text.size(), "input " + Printable(text));
    } else {
      FUZZ_CHECK(decoded.status().code() == navigator::StatusCode::kBadRequest,
                 decoded.status().ToString());
    }
    auto undone = http::internal::PercentDecode(PercentEncode(text, false), plus_as_space);
    FUZZ_CHECK(undone.ok() && *undone == text, "input " + Printable(text));
  }

  auto parsed = http::internal::ParseTarget(text);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == navigator::StatusCode::kBadRequest,
               parsed.status().ToString());
    return 0;
  }
  if (parsed->path == "*") {
    FUZZ_CHECK(text == "*", "input " + Printable(text) + " gives " + Describe(*parsed));
  } else {
    FUZZ_CHECK(!parsed->path.empty() && parsed->path.front() == '/',
               "input " + Printable(text) + " gives " + Describe(*parsed));
  }

  std::string again = text == "*" ? "*" : PercentEncode(parsed->path, /*keep_slash=*/true);
  char separator = '?';
  for (const auto& [name, value] : parsed->query) {
    again += separator;
    again += PercentEncode(name, false) + "=" + PercentEncode(value, false);
    separator = '&';
  }
  auto reparsed = http::internal::ParseTarget(again);
  FUZZ_CHECK(reparsed.ok(), "input " + Printable(text) + " gives " + Describe(*parsed) +
                                ", re-encoded as " + Printable(again) + ", which does not parse");
  FUZZ_CHECK(reparsed->path == parsed->path && reparsed->query == parsed->query,
             "input " + Printable(text) + " gives " + Describe(*parsed) + ", re-encoded as " +
                 Printable(again) + ", which gives " + Describe(*reparsed));
  return 0;
}
