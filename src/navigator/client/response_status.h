#pragma once

// Turns a non-2xx answer of a Kubernetes API server into a Status: its
// metav1.Status body when it has one, else the HTTP status code alone.

#include <string_view>

#include "navigator/base/status.h"

namespace navigator::client {

// The StatusCode for an HTTP status and metav1.Status reason: the code
// Navigator uses for that HTTP status (409 is kAlreadyExists when the reason
// is "AlreadyExists", else kConflict); an unknown status is kServiceUnavailable
// for 503, kTimeout for 504, kInternal for any other 5xx and kBadRequest for
// anything else.
StatusCode StatusCodeFor(int http_status, std::string_view reason);

// Precondition: http_status is not 2xx. A body that is a JSON object with
// "kind": "Status" is decoded (code from its `code` when that is an error
// code, else from http_status; message, reason, details with causes and
// retryAfterSeconds); any other body gives "<origin> answered HTTP <status>:
// <its first 512 bytes>". `retry_after` (the Retry-After header in seconds,
// 0 when absent) fills details.retry_after_seconds when the body does not.
Status StatusFromResponse(int http_status, std::string_view body, std::string_view origin,
                          int retry_after = 0);

}  // namespace navigator::client
