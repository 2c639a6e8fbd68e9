#include "navigator/kube/bytes.h"

#include <fmt/format.h>

#include "navigator/client/base64.h"

namespace navigator::api {

void JsonTraits<kube::Bytes>::Decode(const boost::json::value& v, kube::Bytes& out,
                                     DecodeContext& ctx) {
  if (v.is_null()) {
    out = kube::Bytes{};
    return;
  }
  const auto* s = v.if_string();
  if (s == nullptr) {
    ctx.AddError(fmt::format("expected base64 text, got {}", JsonKindName(v)));
    return;
  }
  std::optional<std::string> bytes = client::Base64Decode(std::string_view(s->data(), s->size()));
  if (!bytes) {
    ctx.AddError("expected standard padded base64 text (RFC 4648)");
    return;
  }
  out.value = std::move(*bytes);
}

boost::json::value JsonTraits<kube::Bytes>::Encode(const kube::Bytes& in) {
  return boost::json::string(client::Base64Encode(in.value));
}

}  // namespace navigator::api
