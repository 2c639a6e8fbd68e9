#include "navigator/kube/resource_traits.h"

#include <fmt/format.h>

namespace navigator::kube {

std::string ApiVersionOf(const client::TypedResource& resource) {
  if (resource.group.empty()) return std::string(resource.version);
  return fmt::format("{}/{}", resource.group, resource.version);
}

Status CheckObjectKind(const boost::json::value& v, std::string_view kind) {
  const auto* obj = v.if_object();
  if (obj == nullptr) {
    return BadRequest(
        fmt::format("a {} must be a JSON object, got {}", kind, api::JsonKindName(v)));
  }
  if (const auto* k = obj->if_contains("kind"); k != nullptr && k->is_string()) {
    const std::string_view got(k->get_string().data(), k->get_string().size());
    if (!got.empty() && got != kind) {
      return BadRequest(
          fmt::format("expected a {}, got an object of kind \"{}\"", kind, got.substr(0, 64)));
    }
  }
  return OkStatus();
}

Status PrefixFields(const Status& status, std::string_view prefix) {
  Status out(status.code(), fmt::format("{}: {}", prefix, status.message()), status.details());
  for (StatusCause& cause : out.mutable_details().causes) {
    cause.field =
        cause.field.empty() ? std::string(prefix) : fmt::format("{}.{}", prefix, cause.field);
  }
  return out;
}

}  // namespace navigator::kube
