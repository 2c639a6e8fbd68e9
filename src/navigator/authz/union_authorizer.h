#pragma once

// Several authorizers asked in order, as Kubernetes' union authorizer: the
// first that allows or denies decides.

#include <memory>
#include <vector>

#include "navigator/authz/authorizer.h"

namespace navigator::authz {

class UnionAuthorizer final : public Authorizer {
 public:
  // Precondition: no element is null.
  explicit UnionAuthorizer(std::vector<std::shared_ptr<const Authorizer>> authorizers);

  // Asks each authorizer in order and returns the first kAllow or kDeny
  // verdict. An authorizer's error does not stop the others (a later one may
  // still allow or deny), but when every other one has no opinion the first
  // error is returned, so the caller fails closed rather than treating an
  // outage as "no opinion". Otherwise kNoOpinion, with the non-empty reasons
  // joined by "\n" (the caller answers 403). Thread-safe when every
  // authorizer is.
  Result<Verdict> Authorize(const Attributes& attributes) const override;

 private:
  const std::vector<std::shared_ptr<const Authorizer>> authorizers_;
};

}  // namespace navigator::authz
