#include "navigator/authz/forbidden_message.h"

#include <fmt/format.h>

#include <cstdint>

#include "navigator/base/go_quote.h"

namespace navigator::authz {

namespace {

std::string HtmlSanitized(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string ForbiddenMessage(const Attributes& attributes) {
  const std::string& user = attributes.user.name;
  std::string message;
  if (!attributes.resource_request) {
    message = fmt::format("User {} cannot {} path {}", GoQuote(user), attributes.verb,
                          GoQuote(attributes.path));
  } else {
    std::string resource = attributes.resource;
    if (!attributes.subresource.empty()) resource += "/" + attributes.subresource;
    if (!attributes.namespace_.empty()) {
      message = fmt::format("User {} cannot {} resource {} in API group {} in the namespace {}",
                            GoQuote(user), attributes.verb, GoQuote(resource),
                            GoQuote(attributes.api_group), GoQuote(attributes.namespace_));
    } else {
      message = fmt::format("User {} cannot {} resource {} in API group {} at the cluster scope",
                            GoQuote(user), attributes.verb, GoQuote(resource),
                            GoQuote(attributes.api_group));
    }
  }
  return HtmlSanitized(message);
}

Status ForbiddenStatus(const Attributes& attributes, std::string_view reason) {
  std::string cause = ForbiddenMessage(attributes);
  if (!reason.empty()) cause += fmt::format(": {}", reason);

  // kube qualifies the resource from the attributes whether or not the
  // request is a resource request; a non-resource request has neither.
  std::string qualified = attributes.resource;
  if (!attributes.api_group.empty()) qualified += "." + attributes.api_group;
  std::string message;
  if (attributes.resource.empty() && attributes.api_group.empty()) {
    message = "forbidden: " + cause;
  } else if (attributes.name.empty()) {
    message = fmt::format("{} is forbidden: {}", qualified, cause);
  } else {
    message = fmt::format("{} {} is forbidden: {}", qualified, GoQuote(attributes.name), cause);
  }
  return Status(
      StatusCode::kForbidden, std::move(message),
      StatusDetails{
          .name = attributes.name, .group = attributes.api_group, .kind = attributes.resource});
}

}  // namespace navigator::authz
