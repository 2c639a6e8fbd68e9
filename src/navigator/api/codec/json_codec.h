#pragma once

// Table-driven JSON encoding and decoding of API structs.
//
// A struct describes its wire form once, with a static `JsonFields()` that
// returns a tuple of field descriptors:
//
//   static constexpr auto JsonFields() {
//     return std::make_tuple(Field("repository", &ImageSpec::repository),
//                            Field("pullPolicy", &ImageSpec::pull_policy, kOmitEmpty));
//   }
//
// Decoding follows Go's encoding/json as Kubernetes uses it: `null` leaves a
// field at its zero value, unknown keys are dropped but reported (for
// fieldValidation), and a value of the wrong JSON type is an error at its
// precise path. Encoding writes fields in declaration order, so output is
// deterministic; `kOmitEmpty` fields are skipped when empty, exactly like Go's
// `omitempty` (structs are never empty).
//
// Leaf types plug in through a specialisation of JsonTraits<T> with
//   static void Decode(const boost::json::value&, T&, DecodeContext&);
//   static boost::json::value Encode(const T&);
//   static bool IsEmpty(const T&);

#include <boost/json.hpp>
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "navigator/base/status.h"

namespace navigator::api {

enum FieldFlags : unsigned {
  kNoFlags = 0,
  kOmitEmpty = 1u << 0,
};

// How strategic merge patch and the published schema treat a list field
// (x-kubernetes-list-type).
enum class ListType : unsigned char {
  kAtomic,  // replaced as a whole (the default for every list)
  kSet,     // scalars merged as a set (patch strategy "merge")
  kMap,     // objects merged by their merge key (patch strategy "merge")
};

template <typename T>
inline constexpr bool kIsJsonList = false;
template <typename T>
inline constexpr bool kIsJsonList<std::vector<T>> = true;

// A member serialised under `name`, with schema-only annotations that
// encoding and decoding ignore. Built by Field() and the chainable
// annotations, all constexpr:
//
//   Field("nodePools", &S::node_pools, kOmitEmpty).Doc("...").MergeKey("name")
template <typename S, typename M>
struct FieldDescriptor {
  std::string_view name;
  M S::*member = nullptr;
  unsigned flags = kNoFlags;
  std::string_view description;  // one or two sentences for `kubectl explain`
  std::string_view merge_key;    // set with list_type kMap
  ListType list_type = ListType::kAtomic;
  bool required = false;  // the field must be present (schema `required`)

  // The field's description (OpenAPI `description`).
  constexpr FieldDescriptor Doc(std::string_view text) const {
    FieldDescriptor f = *this;
    f.description = text;
    return f;
  }
  // A list of objects merged element by element by the value of `key`
  // (x-kubernetes-patch-merge-key, patch strategy merge, list type map).
  constexpr FieldDescriptor MergeKey(std::string_view key) const {
    static_assert(kIsJsonList<M>, "MergeKey applies to list fields");
    FieldDescriptor f = *this;
    f.merge_key = key;
    f.list_type = ListType::kMap;
    return f;
  }
  // A list of scalars merged as a set (patch strategy merge, list type set).
  constexpr FieldDescriptor MergeSet() const {
    static_assert(kIsJsonList<M>, "MergeSet applies to list fields");
    FieldDescriptor f = *this;
    f.merge_key = {};
    f.list_type = ListType::kSet;
    return f;
  }
  // A list replaced as a whole by a patch; the default, for emphasis.
  constexpr FieldDescriptor Atomic() const {
    static_assert(kIsJsonList<M>, "Atomic applies to list fields");
    FieldDescriptor f = *this;
    f.merge_key = {};
    f.list_type = ListType::kAtomic;
    return f;
  }
  // The field must be present (listed in the schema's `required`).
  constexpr FieldDescriptor Required() const {
    FieldDescriptor f = *this;
    f.required = true;
    return f;
  }
  // True when a strategic merge patch merges this list instead of replacing it.
  constexpr bool merges() const { return list_type != ListType::kAtomic; }
};

// A member serialised under `name`.
template <typename S, typename M>
constexpr FieldDescriptor<S, M> Field(std::string_view name, M S::*member,
                                      unsigned flags = kNoFlags) {
  FieldDescriptor<S, M> f;
  f.name = name;
  f.member = member;
  f.flags = flags;
  return f;
}

// A member struct whose fields are written inline in the enclosing object, as
// Go's embedded structs with `json:",inline"`.
template <typename S, typename M>
struct InlineDescriptor {
  M S::*member;
};
template <typename S, typename M>
constexpr InlineDescriptor<S, M> Inline(M S::*member) {
  return {member};
}

// Collects what decoding found: the path of the value being decoded, type
// errors, and unknown fields. Not thread-safe; one per decode.
class DecodeContext {
 public:
  // Paths are written as Kubernetes field paths: "spec.nodePools[1].name".
  const std::string& path() const { return path_; }

  void AddError(std::string message);
  void AddUnknownField(std::string_view key);

  const std::vector<StatusCause>& errors() const { return errors_; }
  const std::vector<std::string>& unknown_fields() const { return unknown_; }

  // Scopes that extend the path for the duration of a nested decode.
  class Scope {
   public:
    Scope(DecodeContext& ctx, std::string_view key);
    Scope(DecodeContext& ctx, std::size_t index);
    ~Scope() { ctx_.path_.resize(saved_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    DecodeContext& ctx_;
    std::size_t saved_;
  };

 private:
  std::string path_;
  std::vector<StatusCause> errors_;
  std::vector<std::string> unknown_;
};

// The JSON type name Go would use in an error ("string", "number", "object").
std::string_view JsonKindName(const boost::json::value& v);

// A JSON number as its shortest text ("3", "1.5", "3.11"); "" for non-numbers.
std::string JsonNumberText(const boost::json::value& v);

template <typename T>
struct JsonTraits;

template <typename T>
concept JsonStruct = requires {
  T::JsonFields();
};

template <typename T>
void DecodeJson(const boost::json::value& v, T& out, DecodeContext& ctx);
template <typename T>
boost::json::value EncodeJson(const T& in);
template <typename T>
bool IsEmptyJson(const T& in);

// ---------------------------------------------------------------- leaf types

template <>
struct JsonTraits<std::string> {
  static void Decode(const boost::json::value& v, std::string& out, DecodeContext& ctx);
  static boost::json::value Encode(const std::string& in) { return boost::json::string(in); }
  static bool IsEmpty(const std::string& in) { return in.empty(); }
};

template <>
struct JsonTraits<bool> {
  static void Decode(const boost::json::value& v, bool& out, DecodeContext& ctx);
  static boost::json::value Encode(bool in) { return in; }
  static bool IsEmpty(bool in) { return !in; }
};

template <>
struct JsonTraits<int64_t> {
  static void Decode(const boost::json::value& v, int64_t& out, DecodeContext& ctx);
  static boost::json::value Encode(int64_t in) { return in; }
  static bool IsEmpty(int64_t in) { return in == 0; }
};

template <>
struct JsonTraits<int32_t> {
  static void Decode(const boost::json::value& v, int32_t& out, DecodeContext& ctx);
  static boost::json::value Encode(int32_t in) { return static_cast<int64_t>(in); }
  static bool IsEmpty(int32_t in) { return in == 0; }
};

// Arbitrary JSON kept as it is (e.g. managedFields[].fieldsV1).
template <>
struct JsonTraits<boost::json::value> {
  static void Decode(const boost::json::value& v, boost::json::value& out, DecodeContext&) {
    out = v;
  }
  static boost::json::value Encode(const boost::json::value& in) { return in; }
  static bool IsEmpty(const boost::json::value& in) { return in.is_null(); }
};

// Go pointers: null or absent is nullopt; written as null unless omitempty.
template <typename T>
struct JsonTraits<std::optional<T>> {
  static void Decode(const boost::json::value& v, std::optional<T>& out, DecodeContext& ctx) {
    if (v.is_null()) {
      out.reset();
      return;
    }
    out.emplace();
    DecodeJson(v, *out, ctx);
  }
  static boost::json::value Encode(const std::optional<T>& in) {
    return in ? EncodeJson(*in) : boost::json::value(nullptr);
  }
  static bool IsEmpty(const std::optional<T>& in) { return !in.has_value(); }
};

template <typename T>
struct JsonTraits<std::vector<T>> {
  static void Decode(const boost::json::value& v, std::vector<T>& out, DecodeContext& ctx) {
    out.clear();
    if (v.is_null()) return;
    const auto* arr = v.if_array();
    if (!arr) {
      ctx.AddError(std::string("expected an array, got ") + std::string(JsonKindName(v)));
      return;
    }
    out.resize(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
      DecodeContext::Scope scope(ctx, i);
      DecodeJson((*arr)[i], out[i], ctx);
    }
  }
  static boost::json::value Encode(const std::vector<T>& in) {
    boost::json::array arr;
    arr.reserve(in.size());
    for (const auto& item : in) arr.push_back(EncodeJson(item));
    return arr;
  }
  static bool IsEmpty(const std::vector<T>& in) { return in.empty(); }
};

template <typename T>
struct JsonTraits<std::map<std::string, T>> {
  static void Decode(const boost::json::value& v, std::map<std::string, T>& out,
                     DecodeContext& ctx) {
    out.clear();
    if (v.is_null()) return;
    const auto* obj = v.if_object();
    if (!obj) {
      ctx.AddError(std::string("expected an object, got ") + std::string(JsonKindName(v)));
      return;
    }
    for (const auto& kv : *obj) {
      DecodeContext::Scope scope(ctx, std::string_view(kv.key()));
      DecodeJson(kv.value(), out[std::string(kv.key())], ctx);
    }
  }
  static boost::json::value Encode(const std::map<std::string, T>& in) {
    boost::json::object obj;
    obj.reserve(in.size());
    for (const auto& [k, val] : in) obj.emplace(k, EncodeJson(val));
    return obj;
  }
  static bool IsEmpty(const std::map<std::string, T>& in) { return in.empty(); }
};

// ------------------------------------------------------------------ structs

namespace codec_internal {

template <typename S, typename M>
bool HasKey(const FieldDescriptor<S, M>& f, std::string_view key) {
  return f.name == key;
}
template <typename S, typename M>
bool HasKey(const InlineDescriptor<S, M>&, std::string_view key);

template <typename T>
bool StructHasKey(std::string_view key) {
  return std::apply([&](const auto&... f) { return (HasKey(f, key) || ...); }, T::JsonFields());
}
template <typename S, typename M>
bool HasKey(const InlineDescriptor<S, M>&, std::string_view key) {
  return StructHasKey<M>(key);
}

template <typename T>
void DecodeFields(const boost::json::object& obj, T& out, DecodeContext& ctx);

template <typename S, typename M>
void DecodeField(const FieldDescriptor<S, M>& f, const boost::json::object& obj, S& out,
                 DecodeContext& ctx) {
  if (const auto* v = obj.if_contains(f.name)) {
    DecodeContext::Scope scope(ctx, f.name);
    DecodeJson(*v, out.*(f.member), ctx);
  }
}
template <typename S, typename M>
void DecodeField(const InlineDescriptor<S, M>& f, const boost::json::object& obj, S& out,
                 DecodeContext& ctx) {
  DecodeFields(obj, out.*(f.member), ctx);
}
template <typename T>
void DecodeFields(const boost::json::object& obj, T& out, DecodeContext& ctx) {
  std::apply([&](const auto&... f) { (DecodeField(f, obj, out, ctx), ...); }, T::JsonFields());
}

template <typename T>
void EncodeFields(const T& in, boost::json::object& obj);

template <typename S, typename M>
void EncodeField(const FieldDescriptor<S, M>& f, const S& in, boost::json::object& obj) {
  const M& value = in.*(f.member);
  if ((f.flags & kOmitEmpty) && IsEmptyJson(value)) return;
  obj.emplace(f.name, EncodeJson(value));
}
template <typename S, typename M>
void EncodeField(const InlineDescriptor<S, M>& f, const S& in, boost::json::object& obj) {
  EncodeFields(in.*(f.member), obj);
}
template <typename T>
void EncodeFields(const T& in, boost::json::object& obj) {
  std::apply([&](const auto&... f) { (EncodeField(f, in, obj), ...); }, T::JsonFields());
}

}  // namespace codec_internal

template <JsonStruct T>
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
      if (!codec_internal::StructHasKey<T>(kv.key())) ctx.AddUnknownField(kv.key());
    }
    codec_internal::DecodeFields(*obj, out, ctx);
  }
  static boost::json::value Encode(const T& in) {
    boost::json::object obj;
    codec_internal::EncodeFields(in, obj);
    return obj;
  }
  static bool IsEmpty(const T&) { return false; }
};

template <typename T>
void DecodeJson(const boost::json::value& v, T& out, DecodeContext& ctx) {
  JsonTraits<T>::Decode(v, out, ctx);
}
template <typename T>
boost::json::value EncodeJson(const T& in) {
  return JsonTraits<T>::Encode(in);
}
template <typename T>
bool IsEmptyJson(const T& in) {
  return JsonTraits<T>::IsEmpty(in);
}

}  // namespace navigator::api

namespace navigator::api {

// The wire names of the top-level fields of `a` and `b` that differ (by the
// members' operator==), in declaration order. Inline members are compared
// field by field.
template <JsonStruct T>
std::vector<std::string_view> DifferingFields(const T& a, const T& b);

namespace codec_internal {
template <typename S, typename M>
void CollectDiff(const FieldDescriptor<S, M>& f, const S& a, const S& b,
                 std::vector<std::string_view>& out) {
  if (!(a.*(f.member) == b.*(f.member))) out.push_back(f.name);
}
template <typename S, typename M>
void CollectDiff(const InlineDescriptor<S, M>& f, const S& a, const S& b,
                 std::vector<std::string_view>& out) {
  for (auto name : DifferingFields(a.*(f.member), b.*(f.member))) out.push_back(name);
}
}  // namespace codec_internal

template <JsonStruct T>
std::vector<std::string_view> DifferingFields(const T& a, const T& b) {
  std::vector<std::string_view> out;
  std::apply([&](const auto&... f) { (codec_internal::CollectDiff(f, a, b, out), ...); },
             T::JsonFields());
  return out;
}

}  // namespace navigator::api
