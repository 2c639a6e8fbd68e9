#pragma once

// Semver is a strict semantic version as coreos/go-semver reads it: exactly
// MAJOR.MINOR.PATCH, then an optional "-pre.release" and "+build.metadata".
// Navigator uses it for Elasticsearch and pilot versions, which are written
// back normalised rather than verbatim.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::api {

class Semver {
 public:
  // 0.0.0, go-semver's zero value (what an absent or "" JSON value decodes to).
  Semver() = default;
  Semver(int64_t major, int64_t minor, int64_t patch, std::string pre_release = "",
         std::string metadata = "");

  // Parses as go-semver's Version.Set: "5.6.2", "5.6.2-rc.1+build.7". Errors
  // are kBadRequest with go-semver's messages, e.g. "5.6 is not in dotted-tri
  // format" or `strconv.ParseInt: parsing "v5": invalid syntax`. Numbers may
  // have leading zeros ("05.6.2" reads as 5.6.2); "5.6.2-" has no pre-release.
  static Result<Semver> Parse(std::string_view text);

  int64_t major() const { return major_; }
  int64_t minor() const { return minor_; }
  int64_t patch() const { return patch_; }
  const std::string& pre_release() const { return pre_release_; }
  const std::string& metadata() const { return metadata_; }

  // "MAJOR.MINOR.PATCH[-pre][+meta]" with plain decimal numbers.
  std::string ToString() const;

  // SemVer 2.0 precedence: numbers first; then a version without pre-release
  // ranks above one with; pre-release identifiers compare numerically when
  // both are numbers, numbers below words, words bytewise, and a longer list
  // above its prefix. Metadata is ignored. Returns -1, 0 or 1.
  int Compare(const Semver& other) const;
  bool operator==(const Semver& other) const { return Compare(other) == 0; }
  std::strong_ordering operator<=>(const Semver& other) const { return Compare(other) <=> 0; }

  // Compares equal to 0.0.0: validation's "no version given".
  bool IsZero() const { return Compare(Semver()) == 0; }

 private:
  int64_t major_ = 0;
  int64_t minor_ = 0;
  int64_t patch_ = 0;
  std::string pre_release_;
  std::string metadata_;
};

}  // namespace navigator::api
