#include "navigator/api/version/supported_versions.h"

#include <array>

namespace navigator::api {
namespace {

constexpr std::array<ReleaseLine, 4> kCassandraReleaseLines = {{{3, 11}, {4, 0}, {4, 1}, {5, 0}}};

// Precondition: both bounds are well-formed versions.
VersionRange MakeRange(const std::string& min_inclusive, const std::string& max_exclusive) {
  return VersionRange{*LenientVersion::Parse(min_inclusive), *LenientVersion::Parse(max_exclusive),
                      ">= " + min_inclusive + ", < " + max_exclusive};
}

std::string LineName(int64_t major, int64_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// Index into kCassandraReleaseLines of the line `version` belongs to; -1 when
// it is older than every line.
int ReleaseLineIndex(const LenientVersion& version) {
  const int64_t major = version.segments()[0];
  const int64_t minor = version.segments()[1];
  int index = -1;
  for (size_t i = 0; i < kCassandraReleaseLines.size(); ++i) {
    const ReleaseLine& line = kCassandraReleaseLines[i];
    if (line.major < major || (line.major == major && line.minor <= minor)) {
      index = static_cast<int>(i);
    }
  }
  return index;
}

}  // namespace

bool VersionRange::Contains(const LenientVersion& version) const {
  return !version.IsPreRelease() && min_inclusive <= version && version < max_exclusive;
}

bool VersionRange::Contains(const Semver& version) const {
  if (!version.pre_release().empty()) return false;
  auto lenient = LenientVersion::Parse(version.ToString());
  return lenient.ok() && Contains(*lenient);
}

const VersionRange& ElasticsearchSupportedVersions() {
  static const VersionRange range = MakeRange("5.0.0", "9.0.0");
  return range;
}

std::span<const ReleaseLine> CassandraReleaseLines() {
  return kCassandraReleaseLines;
}

const VersionRange& CassandraSupportedVersions() {
  static const VersionRange range = [] {
    const ReleaseLine& oldest = kCassandraReleaseLines.front();
    const ReleaseLine& newest = kCassandraReleaseLines.back();
    return MakeRange(LineName(oldest.major, oldest.minor),
                     LineName(newest.major, newest.minor + 1));
  }();
  return range;
}

bool IsMajorVersionSkip(const LenientVersion& from, const LenientVersion& to) {
  return ReleaseLineIndex(to) - ReleaseLineIndex(from) > 1;
}

}  // namespace navigator::api
