#pragma once

// The one table of database versions Navigator supports; validation consults
// it and quotes `VersionRange::text` in its errors.

#include <cstdint>
#include <span>
#include <string>

#include "navigator/api/version/lenient_version.h"
#include "navigator/api/version/semver.h"

namespace navigator::api {

// A half-open range of release versions.
struct VersionRange {
  LenientVersion min_inclusive;
  LenientVersion max_exclusive;
  std::string text;  // e.g. ">= 5.0.0, < 9.0.0"

  // min_inclusive <= version < max_exclusive, compared as LenientVersion
  // does. A pre-release is never contained, as a hashicorp constraint without
  // a pre-release never admits one.
  bool Contains(const LenientVersion& version) const;
  bool Contains(const Semver& version) const;
};

// Elasticsearch (and OpenSearch-compatible) versions: >= 5.0.0, < 9.0.0.
const VersionRange& ElasticsearchSupportedVersions();

// A Cassandra release line, named by its major and minor version.
struct ReleaseLine {
  int64_t major;
  int64_t minor;
};

// Cassandra's release lines in upgrade order: 3.11, 4.0, 4.1, 5.0.
std::span<const ReleaseLine> CassandraReleaseLines();

// From the oldest release line up to, not including, the minor after the
// newest: >= 3.11, < 5.1.
const VersionRange& CassandraSupportedVersions();

// Whether upgrading a Cassandra cluster from `from` to `to` passes over a
// release line (3.11 -> 4.1, 4.0 -> 5.0). A version belongs to the newest
// line not above its major.minor (3.12 to 3.11); one below every line sits
// just before the oldest. Moving within a line, to the next line, or to an
// older version is not a skip.
bool IsMajorVersionSkip(const LenientVersion& from, const LenientVersion& to);

}  // namespace navigator::api
