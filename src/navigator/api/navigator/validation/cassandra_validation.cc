#include "navigator/api/navigator/validation/cassandra_validation.h"

#include <algorithm>
#include <set>

#include "navigator/api/navigator/validation/cluster_validation.h"
#include "navigator/api/navigator/validation/version_validation.h"
#include "navigator/api/validation/object_meta_validation.h"

namespace navigator::api {
namespace {

// The pool name becomes part of a StatefulSet name, hence a DNS-1123 label.
FieldErrorList ValidateNodePool(const CassandraClusterNodePool& pool, const FieldPath& path) {
  FieldErrorList errs;
  if (pool.name.empty()) {
    errs.Required(path.Child("name"));
  } else {
    for (const std::string& msg : IsDNS1123Label(pool.name)) {
      errs.Invalid(path.Child("name"), pool.name, msg);
    }
  }
  errs.Append(ValidateReplicas(pool.replicas, path.Child("replicas")));
  if (pool.persistence) {
    errs.Append(ValidatePersistenceConfig(*pool.persistence, path.Child("persistence")));
  }
  return errs;
}

FieldErrorList ValidateSpec(const CassandraClusterSpec& spec, const FieldPath& path) {
  FieldErrorList errs = ValidateNavigatorClusterConfig(spec.config, path);
  errs.Append(ValidateCassandraVersion(spec.version, path.Child("version")));
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < spec.node_pools.size(); ++i) {
    const auto& pool = spec.node_pools[i];
    const FieldPath pool_path = path.Child("nodePools").Index(i);
    if (!names.insert(pool.name).second) errs.Duplicate(pool_path.Child("name"), pool.name);
    errs.Append(ValidateNodePool(pool, pool_path));
  }
  if (spec.image) errs.Append(ValidateImageSpec(*spec.image, path.Child("image")));
  return errs;
}

}  // namespace

FieldErrorList ValidateCassandraCluster(const CassandraCluster& c) {
  FieldErrorList errs = ValidateObjectMeta(c.metadata, NameIsDNSSubdomain);
  errs.Append(ValidateSpec(c.spec, FieldPath("spec")));
  return errs;
}

FieldErrorList ValidateCassandraClusterUpdate(const CassandraCluster& old_c,
                                              const CassandraCluster& new_c) {
  FieldErrorList errs = ValidateObjectMeta(new_c.metadata, NameIsDNSSubdomain);
  errs.Append(ValidateObjectMetaTransition(new_c.metadata, old_c.metadata));
  const FieldPath spec("spec");
  errs.Append(ValidateSpec(new_c.spec, spec));
  errs.Append(ValidateCassandraVersionUpdate(old_c.spec.version, new_c.spec.version,
                                             spec.Child("version")));
  // Pools may be added, and removed: the controller decommissions a removed
  // pool's nodes safely, so the API does not refuse it.
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
  return errs;
}

}  // namespace navigator::api
