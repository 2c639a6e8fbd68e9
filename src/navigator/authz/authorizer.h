#pragma once

// The interface of a request authorizer, as Kubernetes' authorizer.Authorizer:
// may this user do this to that?

#include <string>

#include "navigator/authn/user_info.h"
#include "navigator/base/result.h"

namespace navigator::authz {

// What is being asked, as authorizer.Attributes (and the fields of a
// SubjectAccessReview's spec).
struct Attributes {
  authn::UserInfo user;
  // "get", "list", "watch", "create", "update", "patch", "delete",
  // "deletecollection"; for a non-resource request the lower-case HTTP method.
  std::string verb;
  bool resource_request = false;
  // Resource requests.
  std::string api_group;
  std::string api_version;
  std::string namespace_;
  std::string resource;
  std::string subresource;
  std::string name;
  // Non-resource requests: the URL path.
  std::string path;

  bool operator==(const Attributes&) const = default;
};

enum class Decision {
  kDeny,       // explicitly refused; no other authorizer is asked
  kAllow,      // allowed
  kNoOpinion,  // this authorizer does not decide; the next one may
};

struct Verdict {
  Decision decision = Decision::kNoOpinion;
  std::string reason;  // for the log and the 403 message; may be empty
};

class Authorizer {
 public:
  virtual ~Authorizer() = default;
  // An error means the decision could not be made (the authorizing service
  // unreachable, a malformed answer); callers fail closed. Thread-safe.
  virtual Result<Verdict> Authorize(const Attributes& attributes) const = 0;
};

}  // namespace navigator::authz
