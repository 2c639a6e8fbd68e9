#include "navigator/authz/privileged_groups_authorizer.h"

#include <utility>

namespace navigator::authz {

PrivilegedGroupsAuthorizer::PrivilegedGroupsAuthorizer(std::vector<std::string> groups)
    : groups_(std::make_move_iterator(groups.begin()), std::make_move_iterator(groups.end())) {}

Result<Verdict> PrivilegedGroupsAuthorizer::Authorize(const Attributes& attributes) const {
  for (const std::string& group : attributes.user.groups) {
    if (groups_.contains(group)) return Verdict{.decision = Decision::kAllow};
  }
  return Verdict{};
}

}  // namespace navigator::authz
