#include "navigator/api/navigator/validation/version_validation.h"

#include <fmt/format.h>

#include "navigator/api/navigator/validation/cluster_validation.h"
#include "navigator/api/version/supported_versions.h"
#include "navigator/base/go_quote.h"

namespace navigator::api {
namespace {

constexpr std::string_view kSemverForm = "a semver version of the form MAJOR.MINOR.PATCH";
constexpr std::string_view kLenientForm = "a version of the form MAJOR[.MINOR[.PATCH]]";

// Required, or Invalid naming the expected `form`; true when `version` parsed.
template <typename V>
bool ValidateVersionSyntax(const VersionField<V>& version, std::string_view required_detail,
                           std::string_view form, const FieldPath& path, FieldErrorList& errs) {
  if (!version.received_string) {
    errs.Invalid(path, FieldValue::Verbatim(version.text),
                 fmt::format("must be a quoted string holding {}", form));
    return false;
  }
  if (version.text.empty()) {
    errs.Required(path, required_detail);
    return false;
  }
  if (!version.parsed) {
    errs.Invalid(path, version.text, fmt::format("must be {}", form));
    return false;
  }
  return true;
}

void ValidateSupported(const VersionRange& supported, bool contained, std::string_view text,
                       const FieldPath& path, FieldErrorList& errs) {
  if (contained) return;
  errs.Forbidden(path, fmt::format("{} is not supported: supported versions are {}", GoQuote(text),
                                   supported.text));
}

// The release line after the one `version` belongs to ("4.0" after 3.11.4);
// the oldest line for a version older than all of them.
std::string NextCassandraReleaseLine(const LenientVersion& version) {
  const auto lines = CassandraReleaseLines();
  const int64_t major = version.segments()[0];
  const int64_t minor = version.segments()[1];
  std::size_t next = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].major < major || (lines[i].major == major && lines[i].minor <= minor)) {
      next = i + 1;
    }
  }
  if (next >= lines.size()) next = lines.size() - 1;
  return fmt::format("{}.{}", lines[next].major, lines[next].minor);
}

}  // namespace

FieldErrorList ValidateElasticsearchVersion(const VersionField<Semver>& version,
                                            const FieldPath& path) {
  FieldErrorList errs;
  if (ValidateVersionSyntax(version, "must be a semver version", kSemverForm, path, errs)) {
    const VersionRange& supported = ElasticsearchSupportedVersions();
    ValidateSupported(supported, supported.Contains(*version.parsed), version.text, path, errs);
  }
  return errs;
}

FieldErrorList ValidateElasticsearchVersionUpdate(const VersionField<Semver>& old_version,
                                                  const VersionField<Semver>& new_version,
                                                  const FieldPath& path) {
  FieldErrorList errs;
  if (old_version.parsed && new_version.parsed && *new_version.parsed < *old_version.parsed) {
    AddDowngradeError(WireText(*old_version.parsed), WireText(*new_version.parsed), path, errs);
  }
  return errs;
}

FieldErrorList ValidateCassandraVersion(const VersionField<LenientVersion>& version,
                                        const FieldPath& path) {
  FieldErrorList errs;
  if (ValidateVersionSyntax(version, fmt::format("must be {}", kLenientForm), kLenientForm, path,
                            errs)) {
    const VersionRange& supported = CassandraSupportedVersions();
    ValidateSupported(supported, supported.Contains(*version.parsed), version.text, path, errs);
  }
  return errs;
}

FieldErrorList ValidateCassandraVersionUpdate(const VersionField<LenientVersion>& old_version,
                                              const VersionField<LenientVersion>& new_version,
                                              const FieldPath& path) {
  FieldErrorList errs;
  if (!old_version.parsed || !new_version.parsed) return errs;
  const LenientVersion& from = *old_version.parsed;
  const LenientVersion& to = *new_version.parsed;
  if (to < from) {
    AddDowngradeError(WireText(from), WireText(to), path, errs);
  } else if (IsMajorVersionSkip(from, to)) {
    errs.Forbidden(path,
                   fmt::format("cannot upgrade from {} to {} in one step: upgrade to {} first",
                               WireText(from), WireText(to), NextCassandraReleaseLine(from)));
  }
  return errs;
}

}  // namespace navigator::api
