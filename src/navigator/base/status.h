#pragma once

// Status is the project's error value. Its codes are a closed set that maps
// one to one onto Kubernetes metav1.Status reasons and HTTP status codes, so
// an error produced anywhere (validation, storage, the HTTP layer) reaches the
// client unchanged. Exceptions never cross a module edge; Status does.

#include <string>
#include <string_view>
#include <vector>

namespace navigator {

enum class StatusCode {
  kOk,
  kBadRequest,             // 400 BadRequest
  kUnauthorized,           // 401 Unauthorized
  kForbidden,              // 403 Forbidden
  kNotFound,               // 404 NotFound
  kMethodNotAllowed,       // 405 MethodNotAllowed
  kNotAcceptable,          // 406 NotAcceptable
  kAlreadyExists,          // 409 AlreadyExists
  kConflict,               // 409 Conflict
  kGone,                   // 410 Expired / Gone
  kRequestEntityTooLarge,  // 413 RequestEntityTooLarge
  kUnsupportedMediaType,   // 415 UnsupportedMediaType
  kInvalid,                // 422 Invalid
  kTooManyRequests,        // 429 TooManyRequests
  kInternal,               // 500 InternalError
  kServiceUnavailable,     // 503 ServiceUnavailable
  kTimeout,                // 504 Timeout
};

// The HTTP status code Kubernetes answers with for `code`.
int HttpStatus(StatusCode code);
// The metav1.Status `reason` for `code` ("" for kOk).
std::string_view Reason(StatusCode code);

// One field-level problem, as metav1.StatusCause: `type` is a CauseType such as
// "FieldValueRequired", `field` a path such as "spec.nodePools[1].roles[0]".
struct StatusCause {
  std::string type;
  std::string message;
  std::string field;

  bool operator==(const StatusCause&) const = default;
};

// Names the object an error is about, as metav1.StatusDetails.
struct StatusDetails {
  std::string name;
  std::string group;
  std::string kind;
  std::vector<StatusCause> causes;
  int retry_after_seconds = 0;

  bool operator==(const StatusDetails&) const = default;
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(StatusCode code, std::string message, StatusDetails details)
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const StatusDetails& details() const { return details_; }
  StatusDetails& mutable_details() { return details_; }

  // For logs and test failures: "NotFound: pilots \"x\" not found".
  std::string ToString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  StatusDetails details_;
};

inline Status OkStatus() {
  return Status();
}
inline Status BadRequest(std::string message) {
  return Status(StatusCode::kBadRequest, std::move(message));
}
inline Status NotFound(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status AlreadyExists(std::string message) {
  return Status(StatusCode::kAlreadyExists, std::move(message));
}
inline Status Conflict(std::string message) {
  return Status(StatusCode::kConflict, std::move(message));
}
inline Status Gone(std::string message) {
  return Status(StatusCode::kGone, std::move(message));
}
inline Status Internal(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}
inline Status Unavailable(std::string message) {
  return Status(StatusCode::kServiceUnavailable, std::move(message));
}
inline Status Timeout(std::string message) {
  return Status(StatusCode::kTimeout, std::move(message));
}

}  // namespace navigator
