#include "navigator/apiserver/registry/continue_token.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "navigator/api/codec/json_parse.h"
#include "navigator/apiserver/registry/base64url.h"
#include "navigator/base/go_quote.h"

namespace navigator::registry {
namespace {

namespace bj = boost::json;

constexpr std::string_view kVersion = "meta.k8s.io/v1";

Status Invalid(std::string_view why) {
  return BadRequest(fmt::format("continue key is not valid: {}", why));
}

// path.Clean("/" + key) == "/" + key, and no leading '/': no empty, "." or
// ".." segment anywhere.
bool IsCleanRelativePath(std::string_view key) {
  while (true) {
    const std::size_t slash = key.find('/');
    const std::string_view segment = key.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) return true;
    key.remove_prefix(slash + 1);
  }
}

}  // namespace

std::string EncodeContinueToken(const ContinueToken& token) {
  bj::object json;
  json["v"] = kVersion;
  json["rv"] = token.resource_version;
  json["start"] = token.start_key;
  return Base64UrlEncode(bj::serialize(json));
}

Result<ContinueToken> DecodeContinueToken(std::string_view token) {
  if (token.size() > kMaxContinueTokenLength) {
    return Invalid(fmt::format("token is {} characters long; at most {} are allowed", token.size(),
                               kMaxContinueTokenLength));
  }
  if (token.empty()) return Invalid("token is empty");
  std::size_t offset = 0;
  const auto data = Base64UrlDecode(token, &offset);
  if (!data) return Invalid(fmt::format("illegal base64 data at input byte {}", offset));
  auto parsed = api::ParseJson(*data);
  if (!parsed.ok()) return Invalid(parsed.status().message());
  const bj::object* obj = parsed->value.if_object();
  if (obj == nullptr) return Invalid("not a JSON object");

  std::string_view version;
  ContinueToken out;
  if (const bj::value* v = obj->if_contains("v"); v != nullptr && !v->is_null()) {
    if (!v->is_string()) return Invalid("\"v\" must be a string");
    version = v->get_string();
  }
  if (const bj::value* rv = obj->if_contains("rv"); rv != nullptr && !rv->is_null()) {
    if (rv->is_int64()) {
      out.resource_version = rv->get_int64();
    } else {
      return Invalid("\"rv\" must be an integer (an int64)");
    }
  }
  if (const bj::value* start = obj->if_contains("start"); start != nullptr && !start->is_null()) {
    if (!start->is_string()) return Invalid("\"start\" must be a string");
    out.start_key = std::string(start->get_string());
  }
  if (version != kVersion) {
    return Invalid(
        fmt::format("server does not recognize this encoded version {}", GoQuote(version)));
  }
  if (out.resource_version <= 0) {
    return Invalid("incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
  if (out.start_key.empty()) return Invalid("encoded start key empty (version meta.k8s.io/v1)");
  if (!IsCleanRelativePath(out.start_key)) {
    return Invalid(
        fmt::format("start key {} must be a relative path without empty, \".\" or \"..\" segments",
                    GoQuote(out.start_key)));
  }
  return out;
}

}  // namespace navigator::registry
