// navigator::http::ParseAcceptEncoding and AcceptEncoding::QualityOf (the
// Accept-Encoding request header, which decides response compression).
//
// Properties:
//  - errors are BadRequest, with a message of bounded length;
//  - every parsed coding is a non-empty lower-case token and its quality is
//    within 0..1000;
//  - the list written back canonically ("coding;q=0.xyz, ...") parses to the
//    same list;
//  - QualityOf("gzip") is within 0..1000 and agrees with the definition
//    (highest gzip/x-gzip entry, else "*", else 0).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/http/accept_encoding.h"

using navigator::fuzz::Printable;
namespace http = navigator::http;

namespace {

std::string Canonical(const http::AcceptEncoding& accept) {
  std::string out;
  for (const http::CodingPreference& p : accept.codings) {
    if (!out.empty()) out += ", ";
    char q[16];
    std::snprintf(q, sizeof q, "%d.%03d", p.quality / 1000, p.quality % 1000);
    out += p.coding + ";q=" + q;
  }
  return out;
}

bool IsLowerToken(const std::string& s) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = navigator::fuzz::AsText(data, size);
  auto parsed = http::ParseAcceptEncoding(text);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == navigator::StatusCode::kBadRequest,
               parsed.status().ToString());
    FUZZ_CHECK(parsed.status().message().size() < 256, parsed.status().message());
    return 0;
  }
  int gzip = -1;
  int star = -1;
  for (const http::CodingPreference& p : parsed->codings) {
    FUZZ_CHECK(IsLowerToken(p.coding),
               "input " + Printable(text) + " gives coding " + Printable(p.coding));
    FUZZ_CHECK(p.quality >= 0 && p.quality <= 1000, "input " + Printable(text));
    if (p.coding == "gzip" || p.coding == "x-gzip") gzip = std::max(gzip, p.quality);
    if (p.coding == "*") star = std::max(star, p.quality);
  }
  const int expected = gzip >= 0 ? gzip : star >= 0 ? star : 0;
  FUZZ_CHECK(parsed->QualityOf("gzip") == expected, "input " + Printable(text));

  const std::string canonical = Canonical(*parsed);
  auto again = http::ParseAcceptEncoding(canonical);
  FUZZ_CHECK(again.ok() && again->codings == parsed->codings,
             "input " + Printable(text) + " written as " + Printable(canonical) +
                 " does not parse back the same");
  return 0;
}
