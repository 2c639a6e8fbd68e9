#include "navigator/authz/union_authorizer.h"

#include <optional>
#include <string>
#include <utility>

namespace navigator::authz {

UnionAuthorizer::UnionAuthorizer(std::vector<std::shared_ptr<const Authorizer>> authorizers)
    : authorizers_(std::move(authorizers)) {}

Result<Verdict> UnionAuthorizer::Authorize(const Attributes& attributes) const {
  std::optional<Status> first_error;
  std::string reasons;
  for (const auto& authorizer : authorizers_) {
    Result<Verdict> verdict = authorizer->Authorize(attributes);
    if (!verdict.ok()) {
      if (!first_error) first_error = std::move(verdict).status();
      continue;
    }
    if (verdict->decision != Decision::kNoOpinion) return verdict;
    if (!verdict->reason.empty()) {
      if (!reasons.empty()) reasons += '\n';
      reasons += verdict->reason;
    }
  }
  if (first_error) return *std::move(first_error);
  return Verdict{.decision = Decision::kNoOpinion, .reason = std::move(reasons)};
}

}  // namespace navigator::authz
