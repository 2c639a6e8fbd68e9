#include "bench/apiserver/crd_printer_columns.h"

#include <boost/json.hpp>

namespace navigator::bench {
namespace {

namespace bj = boost::json;

struct ColumnPath {
  std::string_view kind;  // "" for every kind
  std::string_view column;
  std::string_view json_path;
};

constexpr ColumnPath kPaths[] = {
    {"", "Age", ".metadata.creationTimestamp"},
    {"", "Node Pools", ".spec.nodePools[*].name"},
    {"ElasticsearchCluster", "Version", ".spec.version"},
    {"ElasticsearchCluster", "Health", ".status.health"},
    {"ElasticsearchCluster", "Plugins", ".spec.plugins"},
    {"CassandraCluster", "Version", ".spec.version"},
    {"Pilot", "Ready", ".status.conditions[?(@.type==\"Ready\")].status"},
    {"Pilot", "Documents", ".status.elasticsearch.documents"},
};

std::string_view PathOf(std::string_view kind, std::string_view column) {
  for (const ColumnPath& p : kPaths) {
    if ((p.kind.empty() || p.kind == kind) && p.column == column) return p.json_path;
  }
  return {};
}

}  // namespace

bj::array PrinterColumns(std::string_view kind,
                         std::span<const apiserver::ColumnDefinition> columns) {
  bj::array out;
  for (const apiserver::ColumnDefinition& c : columns) {
    if (c.format == "name") continue;  // kubectl always shows NAME first
    const std::string_view path = PathOf(kind, c.name);
    if (path.empty()) continue;
    bj::object column{{"name", c.name},
                      {"type", c.name == "Age" ? std::string_view("date") : c.type},
                      {"description", c.description},
                      {"jsonPath", path}};
    if (c.priority != 0) column["priority"] = c.priority;
    out.push_back(std::move(column));
  }
  return out;
}

}  // namespace navigator::bench
