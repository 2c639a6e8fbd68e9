#pragma once

// The `server` of a RestConfig, "https://host[:port][/prefix]", taken apart.

#include <cstdint>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::client {

struct ServerUrl {
  std::string host;         // a DNS name or an IP address (IPv6 without brackets)
  bool host_is_ip = false;  // host is an IPv4 or IPv6 literal
  uint16_t port = 443;
  std::string path_prefix;  // "" or "/a/b" (no trailing '/'), prepended to request paths

  // "https://host:port", IPv6 hosts in brackets: how errors name the server.
  std::string Origin() const;
  // The Host header: "host" for port 443, "host:port" otherwise.
  std::string HostHeader() const;
};

// Parses `server`. Errors (kBadRequest, naming the URL): not https:// (http://
// is refused so that credentials never travel in clear), no host, user info,
// a bad port, a query or fragment.
Result<ServerUrl> ParseServerUrl(std::string_view server);

}  // namespace navigator::client
