#include "navigator/api/navigator/validation/cluster_validation.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace navigator::api {

FieldErrorList ValidateImageSpec(const ImageSpec& image, const FieldPath& path) {
  FieldErrorList errs;
  if (image.tag.empty()) errs.Required(path.Child("tag"));
  if (image.repository.empty()) errs.Required(path.Child("repository"));
  if (std::find(kSupportedPullPolicies.begin(), kSupportedPullPolicies.end(), image.pull_policy) ==
      kSupportedPullPolicies.end()) {
    errs.NotSupported(path.Child("pullPolicy"), image.pull_policy, kSupportedPullPolicies);
  }
  return errs;
}

FieldErrorList ValidateNavigatorSecurityContext(const NavigatorSecurityContext& context,
                                                const FieldPath& path) {
  FieldErrorList errs;
  if (context.run_as_user && *context.run_as_user < 0) {
    errs.Invalid(path.Child("runAsUser"), *context.run_as_user, "must be non-negative");
  }
  return errs;
}

FieldErrorList ValidateNavigatorClusterConfig(const NavigatorClusterConfig& config,
                                              const FieldPath& spec_path) {
  FieldErrorList errs = ValidateImageSpec(config.pilot_image, spec_path.Child("pilotImage"));
  errs.Append(ValidateNavigatorSecurityContext(config.security_context,
                                               spec_path.Child("securityContext")));
  return errs;
}

FieldErrorList ValidatePersistenceConfig(const PersistenceConfig& persistence,
                                         const FieldPath& path) {
  FieldErrorList errs;
  if (persistence.enabled == false) {
    errs.Invalid(path.Child("enabled"), false,
                 "persistence is on whenever this block is present: remove the block instead");
  }
  if (persistence.size.IsZero()) {
    errs.Required(path.Child("size"));
  } else if (persistence.size.Sign() < 0) {
    errs.Invalid(path.Child("size"), persistence.size.ToString(), "must be greater than zero");
  }
  return errs;
}

FieldErrorList ValidateReplicas(const std::optional<int32_t>& replicas, const FieldPath& path) {
  FieldErrorList errs;
  if (replicas && *replicas < 0) {
    errs.Invalid(path, *replicas, "must be greater than or equal to 0");
  }
  return errs;
}

bool SemanticEqual(const PersistenceConfig& a, const PersistenceConfig& b) {
  return a.size.Compare(b.size) == 0 && a.storage_class == b.storage_class;
}

bool SemanticEqual(const std::optional<PersistenceConfig>& a,
                   const std::optional<PersistenceConfig>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  return SemanticEqual(*a, *b);
}

namespace {

bool SemanticEqual(const std::map<std::string, Quantity>& a,
                   const std::map<std::string, Quantity>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.first == y.first && x.second.Compare(y.second) == 0;
  });
}

}  // namespace

bool SemanticEqual(const ResourceRequirements& a, const ResourceRequirements& b) {
  return SemanticEqual(a.limits, b.limits) && SemanticEqual(a.requests, b.requests) &&
         a.claims == b.claims;
}

FieldErrorList ValidateNodePoolUpdate(const std::optional<PersistenceConfig>& old_persistence,
                                      const std::optional<PersistenceConfig>& new_persistence,
                                      const std::vector<std::string_view>& changed_fields,
                                      const FieldPath& pool_path) {
  FieldErrorList errs;
  if (old_persistence && !SemanticEqual(old_persistence, new_persistence)) {
    errs.Forbidden(pool_path.Child("persistence"),
                   "cannot modify persistence configuration once enabled");
  }
  if (!changed_fields.empty()) {
    errs.Forbidden(pool_path, fmt::format("updates to node pool fields other than 'replicas' and "
                                          "'persistence' are forbidden (changed: {})",
                                          fmt::join(changed_fields, ", ")));
  }
  return errs;
}

void AddDowngradeError(std::string_view old_version, std::string_view new_version,
                       const FieldPath& path, FieldErrorList& errs) {
  errs.Forbidden(path, fmt::format("cannot downgrade from {} to {}: data written by a newer "
                                   "version cannot be read by an older one",
                                   old_version, new_version));
}

}  // namespace navigator::api
