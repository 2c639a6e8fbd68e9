#pragma once

// spec.version rules for both kinds. A missing or malformed version is a
// field error (never a crash); a version outside the supported table is
// Forbidden; on update a version may not move backwards, and Cassandra may
// not skip a major line.

#include "navigator/api/navigator/version_field.h"
#include "navigator/api/validation/field_errors.h"

namespace navigator::api {

// Absent or "": Required. Not MAJOR.MINOR.PATCH (or not a JSON string):
// Invalid. Outside the supported Elasticsearch versions: Forbidden.
FieldErrorList ValidateElasticsearchVersion(const VersionField<Semver>& version,
                                            const FieldPath& path);
// Forbidden when both parse and `new_version` is lower.
FieldErrorList ValidateElasticsearchVersionUpdate(const VersionField<Semver>& old_version,
                                                  const VersionField<Semver>& new_version,
                                                  const FieldPath& path);

// Absent or "": Required. Not MAJOR[.MINOR[.PATCH]] (or not a JSON string):
// Invalid. Outside the supported Cassandra versions: Forbidden.
FieldErrorList ValidateCassandraVersion(const VersionField<LenientVersion>& version,
                                        const FieldPath& path);
// Forbidden when both parse and `new_version` is lower, or skips a major line.
FieldErrorList ValidateCassandraVersionUpdate(const VersionField<LenientVersion>& old_version,
                                              const VersionField<LenientVersion>& new_version,
                                              const FieldPath& path);

}  // namespace navigator::api
