#pragma once

// CassandraCluster validation (reference: navigator-api.md §4.4, §4.5, with
// the intended behaviour of §4.7: node pools are checked, a missing or
// malformed version is an error, and versions may be upgraded one major line
// at a time but never downgraded).

#include "navigator/api/navigator/cassandra_cluster.h"
#include "navigator/api/validation/field_errors.h"

namespace navigator::api {

// Metadata, pilot config, version, node pools and image.
FieldErrorList ValidateCassandraCluster(const CassandraCluster& c);
// The create rules on `new_c`, metadata immutability, node-pool update limits
// and the version transition rules.
FieldErrorList ValidateCassandraClusterUpdate(const CassandraCluster& old_c,
                                              const CassandraCluster& new_c);

}  // namespace navigator::api
