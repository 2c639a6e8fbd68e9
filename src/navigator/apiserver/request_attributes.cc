#include "navigator/apiserver/request_attributes.h"

#include <cctype>

#include "navigator/apiserver/request_info.h"

namespace navigator::apiserver {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsTrue(const std::string* value) {
  return value != nullptr && (*value == "true" || *value == "1");
}

// "metadata.name=x" (or "metadata.name==x") alone, as kube narrows a list or
// watch to one name for authorization; "" otherwise.
std::string SingleNameFromFieldSelector(const std::string* selector) {
  if (selector == nullptr || selector->find(',') != std::string::npos) return "";
  std::string_view s = *selector;
  for (std::string_view prefix : {"metadata.name==", "metadata.name="}) {
    if (s.substr(0, prefix.size()) == prefix) return std::string(s.substr(prefix.size()));
  }
  return "";
}

}  // namespace

authz::Attributes RequestAttributes(const http::Request& request, authn::UserInfo user) {
  authz::Attributes a;
  a.user = std::move(user);
  RequestInfo info = ParseRequestInfo(request.method, request.path);
  if (!info.is_resource_request) {
    a.verb = Lower(request.method);
    a.path = request.path;
    return a;
  }
  a.resource_request = true;
  a.verb = info.verb;
  a.api_group = info.api_group;
  a.api_version = info.api_version;
  a.namespace_ = info.namespace_;
  a.resource = info.resource;
  a.subresource = info.subresource;
  a.name = info.name;
  if (a.verb == "list" && IsTrue(request.Query("watch"))) a.verb = "watch";
  if ((a.verb == "list" || a.verb == "watch") && a.name.empty()) {
    a.name = SingleNameFromFieldSelector(request.Query("fieldSelector"));
  }
  return a;
}

}  // namespace navigator::apiserver
