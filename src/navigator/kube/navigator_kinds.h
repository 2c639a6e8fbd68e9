#pragma once

// ResourceTraits for Navigator's own kinds (ElasticsearchCluster,
// CassandraCluster, Pilot): their C++ types and codecs are those of
// api/navigator, so TypedClient<api::Pilot> reads and writes exactly what
// navigator-apiserver serves.
//
// These kinds are not preserving: api::DecodeObject drops fields the
// v1alpha1 schema does not have (navigator-apiserver, which owns the schema,
// drops them as well, so nothing it stores is lost). Decoding applies the
// same defaults as the server.

#include <boost/json.hpp>

#include "navigator/api/navigator/codec.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

template <typename T>
struct NavigatorCodec {
  static Result<T> Decode(const boost::json::value& v) {
    const std::string_view kind = api::KindTraits<T>::kInfo.kind;
    NAVIGATOR_RETURN_IF_ERROR(CheckObjectKind(v, kind));
    // List items carry no apiVersion/kind.
    Result<api::Decoded<T>> decoded =
        api::DecodeObject<T>(boost::json::serialize(v), {.allow_missing_type_meta = true});
    if (!decoded.ok()) return std::move(decoded).status();
    return std::move(decoded->object);
  }
  static boost::json::object Encode(const T& in) {
    boost::json::value v = api::EncodeObject(in);
    return std::move(v.as_object());
  }
};

template <>
struct ResourceTraits<api::ElasticsearchCluster> : NavigatorCodec<api::ElasticsearchCluster> {
  static constexpr const client::TypedResource& kResource = client::kElasticsearchClusters;
};

template <>
struct ResourceTraits<api::CassandraCluster> : NavigatorCodec<api::CassandraCluster> {
  static constexpr const client::TypedResource& kResource = client::kCassandraClusters;
};

template <>
struct ResourceTraits<api::Pilot> : NavigatorCodec<api::Pilot> {
  static constexpr const client::TypedResource& kResource = client::kPilots;
};

}  // namespace navigator::kube
