#pragma once

// Serves the OpenAPI documents (openapi.h) over HTTP the way kube-apiserver
// does (k8s.io/kube-openapi handler and handler3):
//
// - Only JSON is served. The Accept header is negotiated by media range
//   (most preferred first, q=0 never acceptable); a client that accepts only
//   the protobuf forms gets 406 Not Acceptable. kubectl 1.36 asks for
//   /openapi/v2 in protobuf only and then does without it: it reads the v3
//   documents, which are JSON.
// - Every response carries ETag ("<hash>"), Vary: Accept and Cache-Control;
//   an If-None-Match naming the current ETag (or *) is answered 304 Not
//   Modified without a body.
// - /openapi/v3/apis/<group>/<version>?hash=<current hash> is immutable:
//   Cache-Control: public, immutable and Expires a year ahead. A stale hash
//   is redirected (301) to the current URL; without a hash, or on /openapi/v2
//   and /openapi/v3, Cache-Control is kube's default, "no-cache, private".
//
// Thread-safe and stateless.

#include <chrono>
#include <string_view>

#include "navigator/http/request.h"

namespace navigator::apiserver {

// True for paths under /openapi/ (whether or not a document exists there).
bool IsOpenApiPath(std::string_view path);

// Answers a GET or HEAD of an /openapi/ path; `now` dates the Expires header.
// Unknown documents are 404, other methods 405, each as a metav1.Status.
http::Response ServeOpenApi(const http::Request& request,
                            std::chrono::system_clock::time_point now);

}  // namespace navigator::apiserver
