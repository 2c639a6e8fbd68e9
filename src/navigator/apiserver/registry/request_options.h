#pragma once

// Options a client sends with a write, decoded from the query string and the
// DeleteOptions body.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"

namespace navigator::registry {

struct Preconditions {
  std::optional<std::string> uid;
  std::optional<std::string> resource_version;
};

struct DeleteOptions {
  Preconditions preconditions;
  std::optional<int64_t> grace_period_seconds;
  std::string propagation_policy;  // "", Orphan, Background, Foreground
  bool dry_run = false;            // dryRun: [All] in the body or ?dryRun=All
};

// fieldValidation: what to do with unknown or duplicate fields in a body.
enum class FieldValidation { kIgnore, kWarn, kStrict };

struct WriteOptions {
  FieldValidation field_validation = FieldValidation::kWarn;  // Kubernetes' default
  bool dry_run = false;                                       // everything runs, nothing is stored
};

// Parses the dryRun query parameter's values: none, or "All" (once or more).
// Errors are kBadRequest naming the unsupported value.
Result<bool> ParseDryRun(const std::vector<std::string>& values);

// Parses the fieldValidation query parameter ("" means the default, Warn).
// Errors are kBadRequest listing the accepted values.
Result<FieldValidation> ParseFieldValidation(std::string_view text);

// Decodes a metav1.DeleteOptions body ("" is allowed and means defaults).
// Errors are kBadRequest naming the problem.
Result<DeleteOptions> ParseDeleteOptions(std::string_view body);

// Parses a resourceVersion as sent by a client: a decimal etcd revision.
// Errors are kBadRequest ("invalid resource version").
Result<int64_t> ParseResourceVersion(std::string_view text);

}  // namespace navigator::registry
