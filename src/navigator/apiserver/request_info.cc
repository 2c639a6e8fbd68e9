#include "navigator/apiserver/request_info.h"

#include <vector>

namespace navigator::apiserver {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (!path.empty()) {
    auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

std::string VerbFor(std::string_view method, bool has_name) {
  if (method == "GET" || method == "HEAD") return has_name ? "get" : "list";
  if (method == "POST") return "create";
  if (method == "PUT") return "update";
  if (method == "PATCH") return "patch";
  if (method == "DELETE") return has_name ? "delete" : "deletecollection";
  return std::string(method);
}

}  // namespace

RequestInfo ParseRequestInfo(std::string_view method, std::string_view path) {
  RequestInfo info;
  auto parts = Split(path);
  if (parts.size() < 4 || parts[0] != "apis") return info;
  info.is_resource_request = true;
  info.api_group = parts[1];
  info.api_version = parts[2];
  std::size_t i = 3;
  if (parts[i] == "namespaces" && parts.size() > 5) {
    info.namespace_ = parts[4];
    i = 5;
  } else if (parts[i] == "namespaces") {
    // /apis/g/v/namespaces[/<name>] addresses Namespace objects, not ours.
    info.resource = "namespaces";
    if (parts.size() == 5) info.name = parts[4];
    info.verb = VerbFor(method, !info.name.empty());
    return info;
  }
  std::size_t rest = parts.size() - i;
  if (rest > 3) info.malformed = true;
  info.resource = parts[i];
  if (rest >= 2) info.name = parts[i + 1];
  if (rest >= 3) info.subresource = parts[i + 2];
  for (auto p : parts) {
    if (p.empty()) info.malformed = true;
  }
  info.verb = VerbFor(method, !info.name.empty());
  return info;
}

}  // namespace navigator::apiserver
