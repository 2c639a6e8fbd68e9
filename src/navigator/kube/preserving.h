#pragma once

// The "nothing is lost" codec of the Kubernetes structs in this folder.
//
// A struct opts in by having a `JsonFields()` table (api/codec/json_codec.h)
// and a member `UnknownFields unknown_fields;`. Decoding such a struct keeps
// every key its table does not name, with its value untouched, in
// `unknown_fields`; encoding writes the table's fields and then every kept
// key. Nested modelled structs do the same, so a kind read from a newer
// kube-apiserver, changed and written back keeps the fields this code does
// not know, at any depth:
//
//   decode(x) -> change modelled fields -> encode  ==  x with those changes
//
// (modulo what Kubernetes itself treats as equal: an omitempty field that is
// empty is left out, a missing non-omitempty field is written as its zero
// value, numbers and times are written in canonical form).
//
// Errors: a value of the wrong JSON type, or a quantity, time or base64 text
// that does not parse, is reported in the DecodeContext at its field path;
// nothing throws.

#include <boost/json.hpp>
#include <concepts>
#include <string>

#include "navigator/api/codec/json_codec.h"

namespace navigator::kube {

// The keys of a JSON object the struct's table does not model, as received.
using UnknownFields = boost::json::object;

template <typename T>
concept PreservingStruct = api::JsonStruct<T> && requires(const T& t) {
  { t.unknown_fields } -> std::same_as<const UnknownFields&>;
};

}  // namespace navigator::kube

namespace navigator::api {

// More constrained than the generic JsonStruct traits, so it wins for
// PreservingStruct types.
template <kube::PreservingStruct T>
struct JsonTraits<T> {
  static void Decode(const boost::json::value& v, T& out, DecodeContext& ctx) {
    out = T{};
    if (v.is_null()) return;
    const auto* obj = v.if_object();
    if (!obj) {
      ctx.AddError(std::string("expected an object, got ") + std::string(JsonKindName(v)));
      return;
    }
    for (const auto& kv : *obj) {
      if (!codec_internal::StructHasKey<T>(kv.key()))
        out.unknown_fields.emplace(kv.key(), kv.value());
    }
    codec_internal::DecodeFields(*obj, out, ctx);
  }
  static boost::json::value Encode(const T& in) {
    boost::json::object obj;
    obj.reserve(in.unknown_fields.size() + 8);
    codec_internal::EncodeFields(in, obj);
    // A kept key never collides with a modelled one unless the caller put it
    // there; the modelled value wins.
    for (const auto& kv : in.unknown_fields) {
      if (!obj.contains(kv.key())) obj.emplace(kv.key(), kv.value());
    }
    return obj;
  }
  static bool IsEmpty(const T&) { return false; }
};

}  // namespace navigator::api
