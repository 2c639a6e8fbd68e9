#include "navigator/api/navigator/validation/elasticsearch_validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "navigator/api/navigator/validation/cluster_validation.h"
#include "navigator/api/navigator/validation/version_validation.h"
#include "navigator/api/validation/object_meta_validation.h"

namespace navigator::api {
namespace {

bool HasRole(const ElasticsearchClusterNodePool& pool, std::string_view role) {
  return std::find(pool.roles.begin(), pool.roles.end(), role) != pool.roles.end();
}

FieldErrorList ValidateNodePool(const ElasticsearchClusterNodePool& pool, const FieldPath& path) {
  FieldErrorList errs;
  for (const std::string& msg : IsDNS1123Subdomain(pool.name)) {
    errs.Invalid(path.Child("name"), pool.name, msg);
  }
  if (pool.persistence) {
    errs.Append(ValidatePersistenceConfig(*pool.persistence, path.Child("persistence")));
  }
  if (pool.roles.empty()) {
    errs.Required(path.Child("roles"), "at least one role must be specified");
  }
  for (std::size_t j = 0; j < pool.roles.size(); ++j) {
    if (std::find(kElasticsearchRoles.begin(), kElasticsearchRoles.end(), pool.roles[j]) ==
        kElasticsearchRoles.end()) {
      errs.NotSupported(path.Child("roles").Index(j), pool.roles[j], kElasticsearchRoles);
    }
  }
  errs.Append(ValidateReplicas(pool.replicas, path.Child("replicas")));
  return errs;
}

// Master-eligible replicas, counting an unset replicas as its default 1 and a
// negative one (already an error) as 0.
int64_t CountMasters(const std::vector<ElasticsearchClusterNodePool>& pools) {
  int64_t masters = 0;
  for (const auto& pool : pools) {
    if (HasRole(pool, "master")) masters += std::max<int64_t>(pool.replicas.value_or(1), 0);
  }
  return masters;
}

// The first failing rule wins, as in navigator's switch.
FieldErrorList ValidateMasterQuorum(const ElasticsearchClusterSpec& spec, const FieldPath& path) {
  FieldErrorList errs;
  const int64_t masters = CountMasters(spec.node_pools);
  const int64_t quorum = CalculateQuorum(masters);
  const FieldPath minimum = path.Child("minimumMasters");
  if (masters == 0) {
    errs.Invalid(path.Child("nodePools"), masters, "must be at least one master node");
  } else if (!spec.minimum_masters) {
    // The controller computes the quorum.
  } else if (*spec.minimum_masters == 0) {
    errs.Invalid(minimum, *spec.minimum_masters, "cannot be zero");
  } else if (*spec.minimum_masters < quorum) {
    errs.Invalid(minimum, *spec.minimum_masters,
                 fmt::format("must be a minimum of {} to avoid a split brain scenario", quorum));
  } else if (*spec.minimum_masters > masters) {
    errs.Invalid(minimum, *spec.minimum_masters,
                 "cannot be greater than the total number of master nodes");
  }
  return errs;
}

FieldErrorList ValidateSpec(const ElasticsearchClusterSpec& spec, const FieldPath& path) {
  FieldErrorList errs = ValidateNavigatorClusterConfig(spec.config, path);
  if (spec.image) errs.Append(ValidateImageSpec(*spec.image, path.Child("image")));
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < spec.node_pools.size(); ++i) {
    const auto& pool = spec.node_pools[i];
    const FieldPath pool_path = path.Child("nodePools").Index(i);
    if (!names.insert(pool.name).second) errs.Duplicate(pool_path.Child("name"), pool.name);
    errs.Append(ValidateNodePool(pool, pool_path));
  }
  errs.Append(ValidateMasterQuorum(spec, path));
  errs.Append(ValidateElasticsearchVersion(spec.version, path.Child("version")));
  return errs;
}

}  // namespace

int64_t CalculateQuorum(int64_t num_masters) {
  if (num_masters <= 1) return num_masters;
  return num_masters / 2 + 1;
}

FieldErrorList ValidateElasticsearchCluster(const ElasticsearchCluster& c) {
  FieldErrorList errs = ValidateObjectMeta(c.metadata, NameIsDNSSubdomain);
  errs.Append(ValidateSpec(c.spec, FieldPath("spec")));
  return errs;
}

FieldErrorList ValidateElasticsearchClusterUpdate(const ElasticsearchCluster& old_c,
                                                  const ElasticsearchCluster& new_c) {
  FieldErrorList errs = ValidateObjectMeta(new_c.metadata, NameIsDNSSubdomain);
  errs.Append(ValidateObjectMetaTransition(new_c.metadata, old_c.metadata));
  const FieldPath spec("spec");
  errs.Append(ValidateSpec(new_c.spec, spec));
  // Pools may be added, and removed: the controller scales a removed pool in
  // safely, so the API does not refuse it.
  for (std::size_t i = 0; i < new_c.spec.node_pools.size(); ++i) {
    const auto& new_pool = new_c.spec.node_pools[i];
    const auto& old_pools = old_c.spec.node_pools;
    const auto old_pool = std::find_if(old_pools.begin(), old_pools.end(),
                                       [&](const auto& p) { return p.name == new_pool.name; });
    if (old_pool == old_pools.end()) continue;
    errs.Append(ValidateNodePoolUpdate(old_pool->persistence, new_pool.persistence,
                                       FieldsOutsideUpdateWhitelist(*old_pool, new_pool),
                                       spec.Child("nodePools").Index(i)));
  }
  errs.Append(ValidateElasticsearchVersionUpdate(old_c.spec.version, new_c.spec.version,
                                                 spec.Child("version")));
  return errs;
}

}  // namespace navigator::api
