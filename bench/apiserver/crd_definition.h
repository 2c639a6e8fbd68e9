#pragma once

// The CustomResourceDefinitions (apiextensions.k8s.io/v1) that make
// kube-apiserver serve Navigator's three kinds as navigator-apiserver does:
// group navigator.jetstack.io, version v1alpha1 (served and stored),
// namespaced, the same plural, singular, short names and category
// ("navigator"), the status subresource, printer columns from
// crd_printer_columns.h, and each kind's structural schema generated from
// navigator-apiserver's own OpenAPI v3 document (crd_schema.h). For the
// side-by-side benchmark (bench/apiserver/run.sh) and its tests.
//
// Pure; thread-safe.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <span>
#include <string_view>
#include <vector>

#include "navigator/api/navigator/kinds.h"
#include "navigator/apiserver/table_columns.h"
#include "navigator/base/result.h"

namespace navigator::bench {

// What one CRD is made of.
struct CrdKind {
  const api::ResourceInfo* info;  // not null
  std::string_view schema_name;   // in `schemas` below
  std::span<const apiserver::ColumnDefinition> columns;
};

// One CRD; `schemas` is an OpenAPI v3 document's components.schemas.
// Errors: those of StructuralSchema.
Result<boost::json::object> CustomResourceDefinition(const CrdKind& kind,
                                                     const boost::json::object& schemas);

// The CRDs of ElasticsearchCluster, CassandraCluster and Pilot, from
// navigator-apiserver's OpenAPI v3 group-version document.
Result<std::vector<boost::json::object>> NavigatorCrds();

}  // namespace navigator::bench
