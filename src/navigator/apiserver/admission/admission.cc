#include "navigator/apiserver/admission/admission.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace navigator::apiserver::admission {
namespace {

// metadata.name of a JSON object body; "" when there is none or the body is
// not a JSON object (it is refused later with its own error).
std::string NameInBody(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return "";
  const auto* metadata = v.as_object().if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return "";
  const auto* name = metadata->as_object().if_contains("name");
  if (name == nullptr || !name->is_string()) return "";
  return std::string(name->as_string());
}

}  // namespace

Status Forbidden(const Attributes& attributes, std::string_view why) {
  std::string name = attributes.name;
  if (name.empty() && attributes.operation == Operation::kCreate)
    name = NameInBody(attributes.body);
  std::string resource = attributes.group.empty()
                             ? attributes.resource
                             : fmt::format("{}.{}", attributes.resource, attributes.group);
  std::string message = name.empty()
                            ? fmt::format("{} is forbidden: {}", resource, why)
                            : fmt::format("{} \"{}\" is forbidden: {}", resource, name, why);
  return Status(
      StatusCode::kForbidden, std::move(message),
      StatusDetails{.name = name, .group = attributes.group, .kind = attributes.resource});
}

}  // namespace navigator::apiserver::admission
