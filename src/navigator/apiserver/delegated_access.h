#pragma once

// What navigator-apiserver takes from the cluster it extends, built from
// DelegationOptions: the authenticator (front proxy, client certificates and
// TokenReview, fed by the watched kube-system/extension-apiserver-authentication
// ConfigMap), the authorizer (always-allow paths, system:masters,
// SubjectAccessReview) and admission (NamespaceLifecycle over a watched
// namespace cache). Without a cluster (no kubeconfig, not in a pod) it is the
// standalone configuration docs/apiserver.md describes.
//
// Ownership and threading: Start and Stop from one thread; the accessors'
// objects live until the DelegatedAccess is destroyed and are thread-safe.

#include <memory>

#include "navigator/apiserver/admission/admission.h"
#include "navigator/apiserver/delegation_options.h"
#include "navigator/authn/authenticator.h"
#include "navigator/authz/authorizer.h"
#include "navigator/base/clock.h"
#include "navigator/base/random.h"
#include "navigator/base/result.h"

namespace navigator::apiserver {

class DelegatedAccess {
 public:
  // Reads the kubeconfigs and CA files the options name; kBadRequest naming
  // the flag and file when one cannot be used. Contacts no server.
  static Result<std::unique_ptr<DelegatedAccess>> New(const DelegationOptions& options,
                                                      const Clock& clock, Random& random);
  ~DelegatedAccess();

  // Starts the watches. Waits (up to 30 s) for the authentication ConfigMap
  // unless --authentication-skip-lookup; kServiceUnavailable when it cannot be
  // read in that time, unless --authentication-tolerate-lookup-failure.
  Status Start();
  void Stop();

  const authn::Authenticator& authenticator() const;
  const authz::Authorizer& authorizer() const;
  // Null when no admission plugin is on.
  const admission::Plugin* admission() const;

  class Impl;

 private:
  explicit DelegatedAccess(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace navigator::apiserver
