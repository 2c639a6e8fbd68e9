#pragma once

// The transport-neutral view of one HTTP request and its response, as the
// HTTP(S) server hands it to a Handler. Nothing here knows about Kubernetes.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace navigator::http {

// Header and query names are kept as received; lookups are case-insensitive
// for headers and case-sensitive for query parameters.
using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;       // "GET", "POST", ...
  std::string target;       // the raw request target, e.g. "/apis/x?watch=true"
  std::string path;         // the target's path, percent-decoded
  NameValues query;         // the target's query parameters, percent-decoded, in order
  NameValues headers;
  std::string body;
  std::string remote_address;  // "ip:port" of the peer

  // The first header named `name` (case-insensitive), or "" when absent.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`, or nullptr when absent.
  const std::string* Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  NameValues headers;  // extra headers
  std::string body;
};

// Produces the response to one request. Runs on one of the server's worker
// threads (never on an I/O thread), so it may block. Must not throw.
using Handler = std::function<Response(const Request&)>;

}  // namespace navigator::http
