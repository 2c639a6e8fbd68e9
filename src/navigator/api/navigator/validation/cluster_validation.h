#pragma once

// Rules shared by ElasticsearchCluster and CassandraCluster (reference:
// navigator-api.md §4.1, §4.3): images, the pilot security context,
// persistence, node-pool update limits and version transitions.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/navigator/common.h"
#include "navigator/api/validation/field_errors.h"

namespace navigator::api {

inline constexpr std::array<std::string_view, 3> kSupportedPullPolicies = {"Never", "IfNotPresent",
                                                                           "Always"};

// tag, repository required (in that order); pullPolicy one of
// kSupportedPullPolicies (empty fails too: defaulting fills it first).
FieldErrorList ValidateImageSpec(const ImageSpec& image, const FieldPath& path);
// runAsUser, when set, is >= 0.
FieldErrorList ValidateNavigatorSecurityContext(const NavigatorSecurityContext& context,
                                                const FieldPath& path);
// pilotImage and securityContext under `spec_path`; `paused` is free.
FieldErrorList ValidateNavigatorClusterConfig(const NavigatorClusterConfig& config,
                                              const FieldPath& spec_path);
// size > 0: Required when zero, Invalid when negative. storageClass is free.
FieldErrorList ValidatePersistenceConfig(const PersistenceConfig& persistence,
                                         const FieldPath& path);
// replicas, when set, >= 0.
FieldErrorList ValidateReplicas(const std::optional<int32_t>& replicas, const FieldPath& path);

// Equality as Kubernetes' apiequality.Semantic sees it: quantities by value.
bool SemanticEqual(const PersistenceConfig& a, const PersistenceConfig& b);
bool SemanticEqual(const std::optional<PersistenceConfig>& a,
                   const std::optional<PersistenceConfig>& b);
bool SemanticEqual(const ResourceRequirements& a, const ResourceRequirements& b);

// The update rules for one node pool that exists before and after:
// persistence may be switched on but, once on, never off or changed
// (Forbidden at <pool>.persistence); any field other than replicas and
// persistence that changed (`changed_fields`, wire names in declaration
// order) is Forbidden at the pool's path, naming them.
FieldErrorList ValidateNodePoolUpdate(const std::optional<PersistenceConfig>& old_persistence,
                                      const std::optional<PersistenceConfig>& new_persistence,
                                      const std::vector<std::string_view>& changed_fields,
                                      const FieldPath& pool_path);

// Forbidden at `path`: moving from `old_version` to the lower `new_version`.
void AddDowngradeError(std::string_view old_version, std::string_view new_version,
                       const FieldPath& path, FieldErrorList& errs);

// Wire names of the node-pool fields other than `replicas` and `persistence`
// that differ between `a` and `b` (compared semantically).
template <typename Pool>
std::vector<std::string_view> FieldsOutsideUpdateWhitelist(const Pool& a, const Pool& b) {
  std::vector<std::string_view> changed;
  for (std::string_view name : DifferingFields(a, b)) {
    if (name != "replicas" && name != "persistence") changed.push_back(name);
  }
  return changed;
}

}  // namespace navigator::api
