#pragma once

// ResourceTraits<T>: what TypedClient<T> needs to know about a kind -- the
// resource it lives at (one of the constants in client/typed_resources.h, not
// a copy of its strings) and how a whole object is decoded and encoded:
//
//   template <> struct ResourceTraits<Pod> : PreservingCodec<Pod> {
//     static constexpr const client::TypedResource& kResource = client::kPods;
//   };
//
//   static Result<T> Decode(const boost::json::value& object);
//   static boost::json::object Encode(const T& object);
//
// Decode is kBadRequest naming every bad field ("the StatefulSet could not be
// decoded: spec.replicas: expected an integer, got string"), or the kind when
// the object says it is another one; absent apiVersion/kind (list items) are
// fine. Encode sets apiVersion and kind when they are empty.
//
// Decode and Encode below are the free-function spelling of the traits, for
// objects that come from elsewhere (an informer's store, a watch event).

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/codec/json_codec.h"
#include "navigator/api/navigator/codec.h"
#include "navigator/base/result.h"
#include "navigator/client/typed_resources.h"
#include "navigator/kube/object_meta.h"
#include "navigator/kube/preserving.h"

namespace navigator::kube {

template <typename T>
struct ResourceTraits;

template <typename T>
concept Resource = requires(const T& t, const boost::json::value& v) {
  { ResourceTraits<T>::kResource } -> std::convertible_to<const client::TypedResource&>;
  { ResourceTraits<T>::Decode(v) } -> std::same_as<Result<T>>;
  { ResourceTraits<T>::Encode(t) } -> std::same_as<boost::json::object>;
};

// "apps/v1", or "v1" for the core group.
std::string ApiVersionOf(const client::TypedResource& resource);

// kBadRequest unless `v` is an object whose kind, when present, is `kind`.
Status CheckObjectKind(const boost::json::value& v, std::string_view kind);

// `status` with "<prefix>: " before its message and "<prefix>." before each
// cause's field ("items[3]").
Status PrefixFields(const Status& status, std::string_view prefix);

// Decoding and encoding for the structs of this folder (PreservingStruct
// with an inline api::TypeMeta member `type_meta`).
template <PreservingStruct T>
struct PreservingCodec {
  static Result<T> Decode(const boost::json::value& v) {
    const std::string_view kind = ResourceTraits<T>::kResource.kind;
    NAVIGATOR_RETURN_IF_ERROR(CheckObjectKind(v, kind));
    T out;
    api::DecodeContext ctx;
    api::DecodeJson(v, out, ctx);
    if (!ctx.errors().empty()) return api::DecodeErrors(kind, ctx.errors());
    return out;
  }
  static boost::json::object Encode(const T& in) {
    boost::json::value v = api::EncodeJson(in);
    boost::json::object& obj = v.as_object();
    const client::TypedResource& resource = ResourceTraits<T>::kResource;
    if (in.type_meta.api_version.empty()) obj["apiVersion"] = ApiVersionOf(resource);
    if (in.type_meta.kind.empty()) obj["kind"] = resource.kind;
    return std::move(obj);
  }
};

template <Resource T>
Result<T> Decode(const boost::json::value& object) {
  return ResourceTraits<T>::Decode(object);
}

template <Resource T>
boost::json::object Encode(const T& object) {
  return ResourceTraits<T>::Encode(object);
}

}  // namespace navigator::kube
