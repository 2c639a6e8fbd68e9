#include "navigator/api/codec/json_codec.h"

#include <fmt/format.h>

#include <limits>

namespace navigator::api {

namespace bj = boost::json;

void DecodeContext::AddError(std::string message) {
  errors_.push_back(
      StatusCause{.type = "FieldValueInvalid", .message = std::move(message), .field = path_});
}

void DecodeContext::AddUnknownField(std::string_view key) {
  unknown_.push_back(path_.empty() ? std::string(key) : path_ + "." + std::string(key));
}

DecodeContext::Scope::Scope(DecodeContext& ctx, std::string_view key)
    : ctx_(ctx), saved_(ctx.path_.size()) {
  if (!ctx_.path_.empty()) ctx_.path_ += '.';
  ctx_.path_ += key;
}

DecodeContext::Scope::Scope(DecodeContext& ctx, std::size_t index)
    : ctx_(ctx), saved_(ctx.path_.size()) {
  ctx_.path_ += fmt::format("[{}]", index);
}

std::string_view JsonKindName(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null:
      return "null";
    case bj::kind::bool_:
      return "bool";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_:
      return "number";
    case bj::kind::string:
      return "string";
    case bj::kind::array:
      return "array";
    case bj::kind::object:
      return "object";
  }
  return "value";
}

std::string JsonNumberText(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::int64:
      return std::to_string(v.get_int64());
    case bj::kind::uint64:
      return std::to_string(v.get_uint64());
    case bj::kind::double_:
      return fmt::format("{}", v.get_double());
    default:
      return "";
  }
}

void JsonTraits<std::string>::Decode(const bj::value& v, std::string& out, DecodeContext& ctx) {
  if (v.is_null()) {
    out.clear();
  } else if (const auto* s = v.if_string()) {
    out.assign(s->data(), s->size());
  } else {
    ctx.AddError(fmt::format("expected a string, got {}", JsonKindName(v)));
  }
}

void JsonTraits<bool>::Decode(const bj::value& v, bool& out, DecodeContext& ctx) {
  if (v.is_null()) {
    out = false;
  } else if (const auto* b = v.if_bool()) {
    out = *b;
  } else {
    ctx.AddError(fmt::format("expected a boolean, got {}", JsonKindName(v)));
  }
}

namespace {

// Accepts integral JSON numbers (including 3.0, as Go does) within [lo, hi].
bool DecodeInteger(const bj::value& v, int64_t lo, int64_t hi, int64_t& out, DecodeContext& ctx) {
  if (v.is_int64()) {
    out = v.get_int64();
  } else if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<uint64_t>(hi)) {
      ctx.AddError(fmt::format("number {} is out of range", v.get_uint64()));
      return false;
    }
    out = static_cast<int64_t>(v.get_uint64());
  } else if (v.is_double()) {
    double d = v.get_double();
    // Range first: converting an out-of-range double to int64 is undefined.
    if (!(d >= -9.2e18 && d <= 9.2e18) || d != static_cast<double>(static_cast<int64_t>(d))) {
      ctx.AddError(fmt::format("expected an integer, got {}", d));
      return false;
    }
    out = static_cast<int64_t>(d);
  } else {
    ctx.AddError(fmt::format("expected an integer, got {}", JsonKindName(v)));
    return false;
  }
  if (out < lo || out > hi) {
    ctx.AddError(fmt::format("number {} is out of range", out));
    return false;
  }
  return true;
}

}  // namespace

void JsonTraits<int64_t>::Decode(const bj::value& v, int64_t& out, DecodeContext& ctx) {
  if (v.is_null()) {
    out = 0;
    return;
  }
  int64_t x = 0;
  if (DecodeInteger(v, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), x,
                    ctx)) {
    out = x;
  }
}

void JsonTraits<int32_t>::Decode(const bj::value& v, int32_t& out, DecodeContext& ctx) {
  if (v.is_null()) {
    out = 0;
    return;
  }
  int64_t x = 0;
  if (DecodeInteger(v, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max(), x,
                    ctx)) {
    out = static_cast<int32_t>(x);
  }
}

}  // namespace navigator::api
