#pragma once

// Members of privileged groups may do anything, as Kubernetes'
// privileged-groups authorizer: a delegating server allows "system:masters"
// without a SubjectAccessReview, since kube-apiserver would allow it anyway.

#include <set>
#include <string>
#include <vector>

#include "navigator/authz/authorizer.h"

namespace navigator::authz {

// The groups a delegating server always allows by default.
inline constexpr const char* kSystemMastersGroup = "system:masters";

class PrivilegedGroupsAuthorizer final : public Authorizer {
 public:
  explicit PrivilegedGroupsAuthorizer(std::vector<std::string> groups = {kSystemMastersGroup});

  // kAllow when the user is in one of the groups, else kNoOpinion. Never
  // fails. Thread-safe.
  Result<Verdict> Authorize(const Attributes& attributes) const override;

 private:
  const std::set<std::string, std::less<>> groups_;
};

}  // namespace navigator::authz
