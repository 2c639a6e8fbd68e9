#pragma once

// meta.k8s.io Table: the server-side printing `kubectl get` asks for with
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Builds the Table of
// a list, of one object (GET) and of one watch event, from the per-kind
// columns in table_columns.h. Pure and thread-safe, except WatchTableEncoder
// (one per watch).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/meta/object_meta.h"
#include "navigator/api/navigator/codec.h"
#include "navigator/apiserver/partial_object_metadata.h"
#include "navigator/apiserver/table_columns.h"
#include "navigator/base/clock.h"
#include "navigator/base/result.h"

namespace navigator::apiserver {

struct TableOptions {
  // The `includeObject` query parameter: what each row's `object` holds.
  enum IncludeObject {
    kNone,      // nothing: the row has no `object`
    kMetadata,  // a PartialObjectMetadata (the default)
    kObject,    // the whole object, in `object_version`
  };
  IncludeObject include = kMetadata;
  // Leave out the column definitions (`"columnDefinitions": null`, as kube
  // writes it): every watch event after the first.
  bool no_headers = false;
  // The Table's apiVersion, also that of the rows' PartialObjectMetadata:
  // Negotiated::api_version ("meta.k8s.io/v1" or "meta.k8s.io/v1beta1").
  std::string api_version = std::string(kMetaV1);
  // The served version full objects are written in (includeObject=Object).
  std::string object_version = std::string(api::kStorageVersion);
};

// Reads the `includeObject` query parameter ("" or absent: Metadata). Other
// values than None, Metadata and Object are a BadRequest worded as kube's.
Result<TableOptions> ParseTableOptions(std::string_view include_object);

namespace internal {

// {"cells": cells, "object": ...}; `object` is used for kObject only.
boost::json::object TableRow(boost::json::array cells, const api::ObjectMeta& metadata,
                             const TableOptions& options, boost::json::value object);

// {"kind":"Table","apiVersion":..,"metadata":..,"columnDefinitions":..,"rows":..}
boost::json::object AssembleTable(std::span<const ColumnDefinition> columns,
                                  boost::json::array rows, boost::json::object metadata,
                                  const TableOptions& options);

template <typename T>
boost::json::object Row(const T& object, const TableOptions& options, Clock::TimePoint now) {
  boost::json::value full;
  if (options.include == TableOptions::kObject)
    full = api::EncodeObject(object, options.object_version);
  return TableRow(TableColumns<T>::Cells(object, now), object.metadata, options, std::move(full));
}

}  // namespace internal

// The Table of a list: one row per item, in order; metadata carries the
// list's resourceVersion, continue and remainingItemCount. `now` gives the
// Age column.
template <typename T>
boost::json::object ToTable(const std::vector<T>& items, const api::ListMeta& list_meta,
                            const TableOptions& options, Clock::TimePoint now) {
  boost::json::array rows;
  rows.reserve(items.size());
  for (const T& item : items) rows.push_back(internal::Row(item, options, now));
  boost::json::object metadata = api::EncodeJson(list_meta).as_object();
  return internal::AssembleTable(TableColumns<T>::Definitions(), std::move(rows),
                                 std::move(metadata), options);
}

// The Table of one object (a GET, or one watch event): one row; metadata
// carries the object's resourceVersion, as kube's table convertors do.
template <typename T>
boost::json::object ToTable(const T& object, const TableOptions& options, Clock::TimePoint now) {
  boost::json::array rows;
  rows.push_back(internal::Row(object, options, now));
  boost::json::object metadata;
  if (!object.metadata.resource_version.empty()) {
    metadata["resourceVersion"] = object.metadata.resource_version;
  }
  return internal::AssembleTable(TableColumns<T>::Definitions(), std::move(rows),
                                 std::move(metadata), options);
}

// The `object` of each event of a watch asked for as a Table: a one-row
// Table per event, with column definitions in the first event only (as
// kube's watch encoder sends them), whatever `options.no_headers` says.
// Not thread-safe: one encoder per watch, used by its one producer.
template <typename T>
class WatchTableEncoder {
 public:
  explicit WatchTableEncoder(TableOptions options) : options_(std::move(options)) {
    options_.no_headers = false;
  }

  boost::json::object Encode(const T& object, Clock::TimePoint now) {
    boost::json::object table = ToTable(object, options_, now);
    options_.no_headers = true;
    return table;
  }

 private:
  TableOptions options_;
};

}  // namespace navigator::apiserver
