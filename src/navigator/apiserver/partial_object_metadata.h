#pragma once

// meta.k8s.io PartialObjectMetadata and PartialObjectMetadataList: an object,
// or a list, reduced to its metadata (what client-go's metadata informers and
// kube's garbage collector ask for).

#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "navigator/api/meta/object_meta.h"

namespace navigator::apiserver {

inline constexpr std::string_view kMetaV1 = "meta.k8s.io/v1";

// {"kind":"PartialObjectMetadata","apiVersion":<api_version>,"metadata":{...}}
// with the whole ObjectMeta (managedFields included, as kube copies it).
// `api_version` is "meta.k8s.io/v1" or "meta.k8s.io/v1beta1" (the negotiated
// Negotiated::api_version).
boost::json::object ToPartialObjectMetadata(const api::ObjectMeta& metadata,
                                            std::string_view api_version = kMetaV1);

// {"kind":"PartialObjectMetadataList","apiVersion":..,"metadata":<list_meta>,
// "items":[PartialObjectMetadata...]}; items is [] when empty.
boost::json::object ToPartialObjectMetadataList(const std::vector<const api::ObjectMeta*>& items,
                                                const api::ListMeta& list_meta,
                                                std::string_view api_version = kMetaV1);

// The same for a typed list (T has a `metadata` ObjectMeta member).
template <typename T>
boost::json::object ToPartialObjectMetadataList(const std::vector<T>& items,
                                                const api::ListMeta& list_meta,
                                                std::string_view api_version = kMetaV1) {
  std::vector<const api::ObjectMeta*> metas;
  metas.reserve(items.size());
  for (const T& item : items) metas.push_back(&item.metadata);
  return ToPartialObjectMetadataList(metas, list_meta, api_version);
}

}  // namespace navigator::apiserver
