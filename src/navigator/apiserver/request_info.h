#pragma once

// Parses a request path into what Kubernetes calls RequestInfo: whether it
// names a resource, and which group, version, namespace, resource,
// subresource and name.

#include <string>
#include <string_view>

namespace navigator::apiserver {

struct RequestInfo {
  bool is_resource_request = false;
  std::string verb;  // get list create update delete (patch, watch, ...)
  std::string api_group;
  std::string api_version;
  std::string namespace_;
  std::string resource;
  std::string subresource;
  std::string name;
  // Path segments after /apis/<group>/<version>/..., when they form no valid
  // resource path (too many segments, empty segment).
  bool malformed = false;
};

// `method` is the HTTP method, `path` the decoded path.
// Paths: /apis/<group>/<version>/<resource>[/<name>[/<subresource>]] and
// /apis/<group>/<version>/namespaces/<ns>/<resource>[/<name>[/<subresource>]].
RequestInfo ParseRequestInfo(std::string_view method, std::string_view path);

}  // namespace navigator::apiserver
