#include "navigator/authn/json_read.h"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

namespace navigator::authn::internal {
namespace {

namespace bj = boost::json;

std::string Join(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

}  // namespace

Result<bj::value> ParseJsonDocument(std::string_view text, std::size_t max_bytes,
                                    std::string_view what) {
  if (text.size() > max_bytes) {
    return BadRequest(
        fmt::format("{}: {} bytes is more than the {} allowed", what, text.size(), max_bytes));
  }
  bj::parse_options options;
  options.max_depth = kMaxJsonDepth;
  bj::error_code ec;
  bj::value value = bj::parse(bj::string_view(text.data(), text.size()), ec, {}, options);
  if (ec) return BadRequest(fmt::format("{}: malformed JSON: {}", what, ec.message()));
  return value;
}

const bj::value* Member(const bj::object& object, std::string_view key) {
  const bj::value* value = object.if_contains(bj::string_view(key.data(), key.size()));
  if (value == nullptr || value->is_null()) return nullptr;
  return value;
}

Result<const bj::object*> AsObject(const bj::value& value, std::string_view path) {
  const bj::object* object = value.if_object();
  if (object == nullptr) return BadRequest(fmt::format("{}: must be an object", path));
  return object;
}

Status ReadString(const bj::object& object, std::string_view key, std::string_view path,
                  std::string& out) {
  const bj::value* value = Member(object, key);
  if (value == nullptr) return OkStatus();
  const bj::string* text = value->if_string();
  if (text == nullptr) return BadRequest(fmt::format("{}: must be a string", Join(path, key)));
  out.assign(text->data(), text->size());
  return OkStatus();
}

Status ReadBool(const bj::object& object, std::string_view key, std::string_view path, bool& out) {
  const bj::value* value = Member(object, key);
  if (value == nullptr) return OkStatus();
  const bool* flag = value->if_bool();
  if (flag == nullptr) return BadRequest(fmt::format("{}: must be a boolean", Join(path, key)));
  out = *flag;
  return OkStatus();
}

Result<std::vector<std::string>> StringList(const bj::value& value, std::string_view path) {
  const bj::array* array = value.if_array();
  if (array == nullptr) return BadRequest(fmt::format("{}: must be a list of strings", path));
  std::vector<std::string> out;
  out.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    const bj::string* text = (*array)[i].if_string();
    if (text == nullptr) return BadRequest(fmt::format("{}[{}]: must be a string", path, i));
    out.emplace_back(text->data(), text->size());
  }
  return out;
}

}  // namespace navigator::authn::internal
