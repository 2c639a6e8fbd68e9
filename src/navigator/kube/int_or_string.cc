#include "navigator/kube/int_or_string.h"

#include <fmt/format.h>

#include <charconv>

namespace navigator::kube {

std::string IntOrString::ToString() const {
  return is_string ? str_value : std::to_string(int_value);
}

Result<int32_t> ScaledValue(const IntOrString& v, int32_t total, bool round_up) {
  if (!v.is_string) return v.int_value;
  const std::string& s = v.str_value;
  int64_t percent = 0;
  const char* end = s.data() + s.size();
  if (s.size() < 2 || s.back() != '%') {
    return BadRequest(fmt::format("\"{}\" is neither an integer nor a percentage such as \"50%\"",
                                  s.substr(0, 64)));
  }
  auto [ptr, ec] = std::from_chars(s.data(), end - 1, percent);
  if (ec != std::errc() || ptr != end - 1 || percent < 0 || percent > 1000000) {
    return BadRequest(fmt::format("\"{}\" is not a percentage such as \"50%\"", s.substr(0, 64)));
  }
  const int64_t product = percent * static_cast<int64_t>(total);
  int64_t value = product / 100;
  if (round_up && product % 100 != 0 && product > 0) ++value;
  if (value > INT32_MAX || value < INT32_MIN) {
    return BadRequest(fmt::format("{} of {} is out of range", s, total));
  }
  return static_cast<int32_t>(value);
}

}  // namespace navigator::kube

namespace navigator::api {

void JsonTraits<kube::IntOrString>::Decode(const boost::json::value& v, kube::IntOrString& out,
                                           DecodeContext& ctx) {
  if (v.is_null()) {
    out = kube::IntOrString{};
    return;
  }
  if (const auto* s = v.if_string()) {
    out = kube::IntOrString::String(std::string(s->data(), s->size()));
    return;
  }
  if (!v.is_number()) {
    ctx.AddError(fmt::format("expected an integer or a string, got {}", JsonKindName(v)));
    return;
  }
  int32_t value = 0;
  const std::size_t errors = ctx.errors().size();
  DecodeJson(v, value, ctx);
  if (ctx.errors().size() == errors) out = kube::IntOrString::Int(value);
}

boost::json::value JsonTraits<kube::IntOrString>::Encode(const kube::IntOrString& in) {
  if (in.is_string) return boost::json::string(in.str_value);
  return static_cast<int64_t>(in.int_value);
}

}  // namespace navigator::api
