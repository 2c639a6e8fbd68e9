// navigator::api::LenientVersion::Parse (hashicorp/go-version). See
// version_fuzzer.h for the input layout. For each text that parses as v:
//  - original() is the text, and parses again to an equal version with the
//    same segments, pre-release and metadata (Cassandra versions are stored
//    verbatim);
//  - Normalized() parses again to an equal version and normalises to itself
//    (unless it outgrows the 256-character input limit, which padding to
//    three segments can do);
//  - differentially: the text parses exactly when std::regex (ECMAScript,
//    whose backtracking picks the same submatches as Go's leftmost-first
//    regexp) matches the documented regular expression, with numbers in the
//    int64 range, and the segments, pre-release and metadata are its captures;
// and the parsed versions are consistently ordered (except transitivity: see
// the end of LLVMFuzzerTestOneInput).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

#include "navigator/api/version/lenient_version.h"
#include "version_fuzzer.h"

using navigator::api::LenientVersion;
using navigator::fuzz::Printable;

namespace {

constexpr std::size_t kMaxTextLength = 256;  // LenientVersion::Parse's limit

// hashicorp/go-version's VersionRegexp as vendored by navigator (the one in
// lenient_version.h), anchored: 1 = numbers, 4 = pre-release, 7 = metadata.
const std::regex& VersionRegexp() {
  static const std::regex re(R"(v?([0-9]+(\.[0-9]+)*?)(-?([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?)"
                             R"((\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))??)",
                             std::regex::ECMAScript);
  return re;
}

// The segments of `numbers` ("1.02.3"), or false when one exceeds int64.
bool Segments(const std::string& numbers, std::vector<int64_t>& out) {
  out.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = std::min(numbers.find('.', start), numbers.size());
    int64_t value = 0;
    for (std::size_t i = start; i < dot; ++i) {
      const int digit = numbers[i] - '0';
      if (value > (INT64_MAX - digit) / 10) return false;
      value = value * 10 + digit;
    }
    out.push_back(value);
    if (dot == numbers.size()) break;
    start = dot + 1;
  }
  if (out.size() < 3) out.resize(3, 0);
  return true;
}

// Compares Parse's verdict on `text` with the regular expression's.
void CheckAgainstRegexp(std::string_view text, const navigator::Result<LenientVersion>& parsed) {
  if (text.size() > kMaxTextLength) {
    FUZZ_CHECK(!parsed.ok(), "accepted over-long input " + Printable(text));
    return;
  }
  const std::string s(text);
  std::smatch m;
  std::vector<int64_t> segments;
  const bool matches = std::regex_match(s, m, VersionRegexp()) && Segments(m[1].str(), segments);
  FUZZ_CHECK(parsed.ok() == matches,
             "input " + Printable(text) + (matches ? " matches" : " does not match") +
                 " the regexp but Parse " + (parsed.ok() ? "accepts it" : "rejects it"));
  if (!matches) return;
  FUZZ_CHECK(parsed->segments() == segments && parsed->pre_release() == m[4].str() &&
                 parsed->metadata() == m[7].str(),
             "input " + Printable(text) + ": the regexp captures numbers " + Printable(m[1].str()) +
                 ", pre-release " + Printable(m[4].str()) + ", metadata " + Printable(m[7].str()) +
                 "; Parse gives pre-release " + Printable(parsed->pre_release()) + ", metadata " +
                 Printable(parsed->metadata()) + ", normalised " + Printable(parsed->Normalized()));
}

bool SameParts(const LenientVersion& a, const LenientVersion& b) {
  return a.segments() == b.segments() && a.pre_release() == b.pre_release() &&
         a.metadata() == b.metadata();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<LenientVersion> versions;
  std::vector<std::string_view> texts;
  for (std::string_view text :
       navigator::fuzz::SplitVersions(navigator::fuzz::AsText(data, size))) {
    auto v = LenientVersion::Parse(text);
    CheckAgainstRegexp(text, v);
    if (!v.ok()) {
      FUZZ_CHECK(v.status().code() == navigator::StatusCode::kBadRequest, v.status().ToString());
      continue;
    }
    FUZZ_CHECK(v->original() == text, "input " + Printable(text));
    FUZZ_CHECK(v->segments().size() >= 3, "input " + Printable(text));
    auto verbatim = LenientVersion::Parse(v->original());
    FUZZ_CHECK(verbatim.ok() && *verbatim == *v && SameParts(*verbatim, *v),
               "input " + Printable(text));

    const std::string normalized = v->Normalized();
    if (normalized.size() <= kMaxTextLength) {
      auto again = LenientVersion::Parse(normalized);
      FUZZ_CHECK(again.ok(),
                 "input " + Printable(text) + " normalises to " + Printable(normalized) +
                     ", which does not parse: " + (again.ok() ? "" : again.status().message()));
      FUZZ_CHECK(*again == *v && SameParts(*again, *v),
                 "input " + Printable(text) + " normalises to " + Printable(normalized) +
                     ", which parses differently");
      FUZZ_CHECK(again->Normalized() == normalized, "input " + Printable(text) + " normalises to " +
                                                        Printable(normalized) + ", then to " +
                                                        Printable(again->Normalized()));
    }
    versions.push_back(*v);
    texts.push_back(text);
  }
  // Not transitive: hashicorp's pre-release order, which LenientVersion keeps,
  // has cycles ("1-a.1" < "1-a.b" < "1-a" < "1-a.1": a missing part ranks
  // above words but below numbers, and numbers below words).
  navigator::fuzz::CheckOrder(versions, texts, /*transitive=*/false);
  return 0;
}
