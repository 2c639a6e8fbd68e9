#include "navigator/api/navigator/common.h"

namespace navigator::api {

void JsonTraits<Quantity>::Decode(const boost::json::value& v, Quantity& out, DecodeContext& ctx) {
  std::string text;
  if (v.is_null()) {
    out = Quantity();
    return;
  }
  if (const auto* s = v.if_string()) {
    text.assign(s->data(), s->size());
  } else if (v.is_number()) {
    // Quantities may be written as bare numbers (`cpu: 1`); Kubernetes accepts them.
    text = JsonNumberText(v);
  } else {
    ctx.AddError("expected a quantity such as \"10Gi\" or \"500m\", got " +
                 std::string(JsonKindName(v)));
    return;
  }
  auto parsed = Quantity::Parse(text);
  if (!parsed.ok()) {
    ctx.AddError(parsed.status().message());
    return;
  }
  out = std::move(*parsed);
}

}  // namespace navigator::api
