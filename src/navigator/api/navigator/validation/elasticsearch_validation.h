#pragma once

// ElasticsearchCluster validation (reference: navigator-api.md §4.2, §4.3,
// with the intended behaviour of §4.7). Every error is returned at once, each
// at its field path; the registry turns a non-empty list into a 422.

#include <array>
#include <cstdint>
#include <string_view>

#include "navigator/api/navigator/elasticsearch_cluster.h"
#include "navigator/api/validation/field_errors.h"

namespace navigator::api {

inline constexpr std::array<std::string_view, 3> kElasticsearchRoles = {"data", "ingest", "master"};

// Metadata, pilot config, images, node pools, master quorum and version.
FieldErrorList ValidateElasticsearchCluster(const ElasticsearchCluster& c);
// The create rules on `new_c`, metadata immutability, node-pool update limits
// and no version downgrade.
FieldErrorList ValidateElasticsearchClusterUpdate(const ElasticsearchCluster& old_c,
                                                  const ElasticsearchCluster& new_c);

// n/2 + 1 master-eligible nodes, except that 0 needs 0 and 1 needs 1.
int64_t CalculateQuorum(int64_t num_masters);

}  // namespace navigator::api
