#pragma once

// The converted response bodies of the resource endpoints, in one call each:
// a GET, a LIST and one watch event's object, for a negotiated Table or
// PartialObjectMetadata(List) form. kObject responses are not converted and
// stay with the endpoint. Pure and thread-safe.

#include <boost/json/object.hpp>
#include <vector>

#include "navigator/api/meta/object_meta.h"
#include "navigator/apiserver/media_type.h"
#include "navigator/apiserver/partial_object_metadata.h"
#include "navigator/apiserver/table.h"
#include "navigator/base/clock.h"
#include "navigator/base/result.h"

namespace navigator::apiserver {

// GET of one object, and the object of one watch event (for a watch asked
// for as a Table prefer WatchTableEncoder, which sends the column
// definitions once). Precondition: negotiated.form != kObject (else
// kInternal). A PartialObjectMetadataList request is a 406 (kube's rule for
// single objects; on a watch kube instead sends the full objects);
// `table.api_version` is taken from `negotiated`.
template <typename T>
Result<boost::json::object> ConvertObject(const T& object, const Negotiated& negotiated,
                                          TableOptions table, Clock::TimePoint now) {
  if (negotiated.form == OutputForm::kObject) {
    return Internal("no output conversion was negotiated");
  }
  NAVIGATOR_RETURN_IF_ERROR(CheckOutputFormFits(negotiated, /*is_list=*/false));
  if (negotiated.form == OutputForm::kTable) {
    table.api_version = negotiated.api_version;
    return ToTable(object, table, now);
  }
  return ToPartialObjectMetadata(object.metadata, negotiated.api_version);
}

// LIST. Precondition: negotiated.form != kObject (else kInternal). A
// PartialObjectMetadata (not ...List) request is a 406.
template <typename T>
Result<boost::json::object> ConvertList(const std::vector<T>& items, const api::ListMeta& list_meta,
                                        const Negotiated& negotiated, TableOptions table,
                                        Clock::TimePoint now) {
  if (negotiated.form == OutputForm::kObject) {
    return Internal("no output conversion was negotiated");
  }
  NAVIGATOR_RETURN_IF_ERROR(CheckOutputFormFits(negotiated, /*is_list=*/true));
  if (negotiated.form == OutputForm::kTable) {
    table.api_version = negotiated.api_version;
    return ToTable(items, list_meta, table, now);
  }
  return ToPartialObjectMetadataList(items, list_meta, negotiated.api_version);
}

}  // namespace navigator::apiserver
