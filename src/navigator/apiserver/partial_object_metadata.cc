#include "navigator/apiserver/partial_object_metadata.h"

#include <boost/json.hpp>

#include "navigator/api/codec/json_codec.h"

namespace navigator::apiserver {

boost::json::object ToPartialObjectMetadata(const api::ObjectMeta& metadata,
                                            std::string_view api_version) {
  return boost::json::object{{"kind", "PartialObjectMetadata"},
                             {"apiVersion", api_version},
                             {"metadata", api::EncodeJson(metadata)}};
}

boost::json::object ToPartialObjectMetadataList(const std::vector<const api::ObjectMeta*>& items,
                                                const api::ListMeta& list_meta,
                                                std::string_view api_version) {
  boost::json::array out;
  out.reserve(items.size());
  for (const api::ObjectMeta* metadata : items) {
    out.push_back(ToPartialObjectMetadata(*metadata, api_version));
  }
  return boost::json::object{{"kind", "PartialObjectMetadataList"},
                             {"apiVersion", api_version},
                             {"metadata", api::EncodeJson(list_meta)},
                             {"items", std::move(out)}};
}

}  // namespace navigator::apiserver
