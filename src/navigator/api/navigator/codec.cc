#include "navigator/api/navigator/codec.h"

namespace navigator::api {

Status DecodeErrors(std::string_view kind, const std::vector<StatusCause>& causes) {
  std::string message = fmt::format("the {} could not be decoded:", kind);
  for (const auto& c : causes) message += fmt::format(" {}: {};", c.field, c.message);
  message.pop_back();
  Status status(StatusCode::kBadRequest, std::move(message));
  status.mutable_details().causes = causes;
  return status;
}

std::string_view ServedVersionOf(std::string_view api_version) {
  auto slash = api_version.find('/');
  if (slash == std::string_view::npos || api_version.substr(0, slash) != kGroup) return {};
  std::string_view version = api_version.substr(slash + 1);
  for (std::string_view served : kServedVersions) {
    if (served == version) return served;
  }
  return {};
}

}  // namespace navigator::api
