#include "navigator/kube/micro_time.h"

#include <fmt/format.h>

namespace navigator::api {

void JsonTraits<kube::MicroTime>::Decode(const boost::json::value& v, kube::MicroTime& out,
                                         DecodeContext& ctx) {
  if (v.is_null()) {
    out = kube::MicroTime{};
    return;
  }
  const auto* s = v.if_string();
  if (s == nullptr) {
    ctx.AddError(fmt::format("expected an RFC 3339 time string, got {}", JsonKindName(v)));
    return;
  }
  Result<kube::MicroTime> parsed = api::ParseMicroTime(std::string_view(s->data(), s->size()));
  if (!parsed.ok()) {
    ctx.AddError(parsed.status().message());
    return;
  }
  out = *parsed;
}

boost::json::value JsonTraits<kube::MicroTime>::Encode(const kube::MicroTime& in) {
  return boost::json::string(api::FormatMicroTime(in));
}

}  // namespace navigator::api
