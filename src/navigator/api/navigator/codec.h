#pragma once

// Decoding and encoding of whole Navigator objects in any served version:
// bounded parse -> apiVersion/kind check -> version converter -> defaults.

#include <fmt/format.h>

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/api/codec/json_parse.h"
#include "navigator/api/navigator/defaults.h"
#include "navigator/api/navigator/kinds.h"
#include "navigator/api/navigator/v1alpha1/converter.h"

namespace navigator::api {

struct DecodeOptions {
  // Also find keys that appear twice in one object (for fieldValidation).
  bool report_duplicates = false;
  // When set, apiVersion and kind may be absent (they are then assumed to be
  // this version and T's kind); a present but different value is an error.
  bool allow_missing_type_meta = false;
};

template <typename T>
struct Decoded {
  T object;
  std::string version;                      // the served version it was written in, e.g. "v1alpha1"
  std::vector<std::string> unknown_fields;  // JSON paths, for fieldValidation
  std::vector<std::string> duplicate_fields;  // JSON paths, for fieldValidation
};

// Joins field problems into one BadRequest a user can act on.
Status DecodeErrors(std::string_view kind, const std::vector<StatusCause>& causes);

// "navigator.jetstack.io/v1alpha1" -> "v1alpha1" when served, else "".
std::string_view ServedVersionOf(std::string_view api_version);

// Parses, checks the type, converts into the internal form and defaults.
// Errors are kBadRequest naming the problem (malformed JSON, wrong kind, an
// unserved apiVersion, a value of the wrong type at its path).
template <typename T>
Result<Decoded<T>> DecodeObject(std::string_view text, const DecodeOptions& options = {}) {
  const ResourceInfo& info = KindTraits<T>::kInfo;
  NAVIGATOR_ASSIGN_OR_RETURN(ParsedJson parsed, ParseJson(text, options.report_duplicates));
  const auto* obj = parsed.value.if_object();
  if (!obj) {
    return BadRequest(fmt::format("the body must be a JSON object describing a {}", info.kind));
  }
  auto string_member = [&](std::string_view key) -> std::string {
    const auto* v = obj->if_contains(key);
    return (v && v->is_string()) ? std::string(v->get_string()) : std::string();
  };
  std::string api_version = string_member("apiVersion");
  std::string kind = string_member("kind");
  std::string version;
  if (api_version.empty() && options.allow_missing_type_meta) {
    version = std::string(kStorageVersion);
  } else {
    version = std::string(ServedVersionOf(api_version));
    if (version.empty()) {
      return BadRequest(fmt::format("apiVersion \"{}\" is not served for {}: use \"{}/{}\"",
                                    api_version, info.kind, kGroup, kServedVersions.front()));
    }
  }
  if (!(kind.empty() && options.allow_missing_type_meta) && kind != info.kind) {
    return BadRequest(
        fmt::format("kind \"{}\" does not match the resource: expected \"{}\"", kind, info.kind));
  }
  Decoded<T> out;
  out.version = version;
  DecodeContext ctx;
  v1alpha1::ToInternal(parsed.value, out.object, ctx);
  if (!ctx.errors().empty()) return DecodeErrors(info.kind, ctx.errors());
  SetDefaults(out.object);
  out.object.type_meta = TypeMeta{};
  out.unknown_fields = ctx.unknown_fields();
  out.duplicate_fields = std::move(parsed.duplicate_fields);
  return out;
}

// Encodes into `version` (a served version) with apiVersion and kind set.
template <typename T>
boost::json::value EncodeObject(const T& object, std::string_view version = kStorageVersion) {
  boost::json::object out;
  out["apiVersion"] = fmt::format("{}/{}", kGroup, version);
  out["kind"] = KindTraits<T>::kInfo.kind;
  v1alpha1::FromInternal(object, out);
  return out;
}

}  // namespace navigator::api
