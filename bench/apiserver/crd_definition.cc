#include "bench/apiserver/crd_definition.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "bench/apiserver/crd_printer_columns.h"
#include "bench/apiserver/crd_schema.h"
#include "navigator/apiserver/openapi.h"

namespace navigator::bench {
namespace {

namespace bj = boost::json;

template <typename T>
CrdKind KindOf() {
  return {&api::KindTraits<T>::kInfo, T::kJsonSchemaName,
          apiserver::TableColumns<T>::Definitions()};
}

}  // namespace

Result<bj::object> CustomResourceDefinition(const CrdKind& kind, const bj::object& schemas) {
  const api::ResourceInfo& info = *kind.info;
  NAVIGATOR_ASSIGN_OR_RETURN(bj::object schema, StructuralSchema(schemas, kind.schema_name));
  bj::array short_names;
  for (std::string_view s : info.short_names) {
    if (!s.empty()) short_names.emplace_back(s);
  }
  bj::object names{{"kind", info.kind},
                   {"listKind", info.list_kind},
                   {"plural", info.plural},
                   {"singular", info.singular},
                   {"categories", bj::array{"navigator"}}};
  if (!short_names.empty()) names["shortNames"] = std::move(short_names);
  bj::object version{{"name", api::kStorageVersion},
                     {"served", true},
                     {"storage", true},
                     {"subresources", bj::object{{"status", bj::object{}}}},
                     {"schema", bj::object{{"openAPIV3Schema", std::move(schema)}}}};
  if (bj::array columns = PrinterColumns(info.kind, kind.columns); !columns.empty()) {
    version["additionalPrinterColumns"] = std::move(columns);
  }
  return bj::object{
      {"apiVersion", "apiextensions.k8s.io/v1"},
      {"kind", "CustomResourceDefinition"},
      {"metadata", bj::object{{"name", fmt::format("{}.{}", info.plural, api::kGroup)}}},
      {"spec", bj::object{{"group", api::kGroup},
                          {"names", std::move(names)},
                          {"scope", info.namespaced ? "Namespaced" : "Cluster"},
                          {"versions", bj::array{std::move(version)}}}}};
}

Result<std::vector<bj::object>> NavigatorCrds() {
  const bj::object document = apiserver::BuildOpenApiV3GroupVersion();
  const bj::value* schemas = document.if_contains("components");
  if (schemas != nullptr && schemas->is_object())
    schemas = schemas->as_object().if_contains("schemas");
  if (schemas == nullptr || !schemas->is_object()) {
    return Internal("navigator's OpenAPI v3 document has no components.schemas");
  }
  std::vector<bj::object> out;
  for (const CrdKind& kind : {KindOf<api::ElasticsearchCluster>(), KindOf<api::CassandraCluster>(),
                              KindOf<api::Pilot>()}) {
    NAVIGATOR_ASSIGN_OR_RETURN(bj::object crd,
                               CustomResourceDefinition(kind, schemas->as_object()));
    out.push_back(std::move(crd));
  }
  return out;
}

}  // namespace navigator::bench
