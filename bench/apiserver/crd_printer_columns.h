#pragma once

// The additionalPrinterColumns of a Navigator kind's CRD, derived from the
// columns navigator-apiserver serves in its meta.k8s.io Tables
// (apiserver/table_columns.h): same names, descriptions and priorities, each
// with the JSONPath that reads the same field. Columns navigator computes
// from more than one field (Ready = ready/desired over the pools, Image =
// repository:tag, a Pilot's Cluster and Type from one of several labels or
// status fields) have no JSONPath equivalent and are left out -- a CRD cannot
// show them; kubectl shows NAME on its own.
//
// Pure; thread-safe.

#include <boost/json/array.hpp>
#include <span>
#include <string_view>

#include "navigator/apiserver/table_columns.h"

namespace navigator::bench {

// `kind`: "ElasticsearchCluster", "CassandraCluster" or "Pilot".
boost::json::array PrinterColumns(std::string_view kind,
                                  std::span<const apiserver::ColumnDefinition> columns);

}  // namespace navigator::bench
