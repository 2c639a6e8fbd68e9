#pragma once

// The wire form of an authorization.k8s.io/v1 SubjectAccessReview, as
// Kubernetes' webhook authorizer writes and reads it: the request body built
// from Attributes, and the verdict read back from the server's answer.
// Pure functions; thread-safe.

#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "navigator/authz/authorizer.h"
#include "navigator/base/result.h"

namespace navigator::authz {

// The largest answer body ParseSubjectAccessReview* accepts. A review echoes
// its spec (user, groups, extra), so answers are small; a larger body is not a
// SubjectAccessReview we asked for.
inline constexpr std::size_t kMaxSubjectAccessReviewResponseBytes = 1 << 20;

// The request body, {"apiVersion":"authorization.k8s.io/v1",
// "kind":"SubjectAccessReview","spec":{...}}. spec carries user, uid, groups
// and extra (each left out when empty, as Go's omitempty does) and either
// resourceAttributes{namespace,verb,group,version,resource,subresource,name}
// (attributes.resource_request) or nonResourceAttributes{path,verb}; empty
// attribute fields are left out as well.
boost::json::object SubjectAccessReviewFor(const Attributes& attributes);

// status of an answered SubjectAccessReview.
struct SubjectAccessReviewStatus {
  bool allowed = false;
  bool denied = false;
  std::string reason;
  // Why the reviewing authorizer could not fully decide; kube's webhook
  // authorizer only logs it, so it never changes the verdict.
  std::string evaluation_error;

  bool operator==(const SubjectAccessReviewStatus&) const = default;
};

// Reads `status` from an answer body. Fails with kInternal, naming the
// problem, when the body is larger than kMaxSubjectAccessReviewResponseBytes,
// is not a JSON object, has a `kind` other than "SubjectAccessReview", or has
// a status (or status field) of the wrong JSON type. A missing status, or a
// missing or null field, reads as its zero value (as Go decodes it).
Result<SubjectAccessReviewStatus> ParseSubjectAccessReviewStatus(std::string_view body);

// The verdict of an answer body, with kube's webhook semantics: denied ->
// kDeny, allowed -> kAllow, neither -> kNoOpinion; the reason is
// status.reason in each case. Errors: those of ParseSubjectAccessReviewStatus,
// and kInternal when the answer both allows and denies (kube reports that as
// an error too, so the request fails closed).
Result<Verdict> ParseSubjectAccessReviewResponse(std::string_view body);

// The verdict of a parsed status; same semantics and error as above.
Result<Verdict> VerdictOf(const SubjectAccessReviewStatus& status);

}  // namespace navigator::authz
