#pragma once

// LenientVersion is a version as hashicorp/go-version reads it (the version
// Navigator vendored): "3", "3.11", "v3.11.2", "3.11.2.1-beta1+dev" are all
// versions. Navigator uses it for Cassandra, whose version text is echoed
// back to clients exactly as received.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::api {

class LenientVersion {
 public:
  // Accepts what the regular expression
  //   ^v?([0-9]+(\.[0-9]+)*?)(-?([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?
  //   (\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))??$
  // matches, with the same captures Go's regexp makes (so "1.2.3beta" has
  // pre-release "beta", and even "12.x" reads as 1.0.0-2.x). Errors are
  // kBadRequest: "Malformed version: <text>", or "Error parsing version: ..."
  // for a number beyond int64. Text over 256 characters is rejected.
  static Result<LenientVersion> Parse(std::string_view text);

  // The parsed text, unchanged.
  const std::string& original() const { return original_; }
  // Numeric segments, padded with zeros to at least three.
  const std::vector<int64_t>& segments() const { return segments_; }
  const std::string& pre_release() const { return pre_release_; }
  const std::string& metadata() const { return metadata_; }
  bool IsPreRelease() const { return !pre_release_.empty(); }

  // hashicorp's String(): segments joined by dots, then "-pre" and "+meta"
  // ("v3.9" -> "3.9.0", "3.9-alpha1+dev2" -> "3.9.0-alpha1+dev2").
  std::string Normalized() const;

  // Segments compare numerically with missing ones read as 0 ("3.11" ==
  // "3.11.0.0"); on equal segments a release ranks above a pre-release and
  // pre-releases follow hashicorp's part-by-part rules. Metadata is ignored.
  // Returns -1, 0 or 1.
  int Compare(const LenientVersion& other) const;
  bool operator==(const LenientVersion& other) const { return Compare(other) == 0; }
  std::strong_ordering operator<=>(const LenientVersion& other) const {
    return Compare(other) <=> 0;
  }

 private:
  LenientVersion() = default;

  std::string original_;
  std::vector<int64_t> segments_;
  std::string pre_release_;
  std::string metadata_;
};

}  // namespace navigator::api
