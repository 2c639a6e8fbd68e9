#pragma once

// The delegating authenticator of a Kubernetes aggregated API server, rebuilt
// whenever the kube-system/extension-apiserver-authentication ConfigMap (or
// the static flags over it) changes: the front proxy's request-header
// authenticator, then client certificates, then bearer tokens by TokenReview,
// tried in that order (UnionAuthenticator), every user found also put in
// system:authenticated. Anonymous requests are the caller's decision.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "navigator/authn/authentication_config.h"
#include "navigator/authn/authenticator.h"
#include "navigator/authn/token_review_authenticator.h"
#include "navigator/base/clock.h"
#include "navigator/client/rest_client.h"

namespace navigator::authn {

class DynamicAuthenticator final : public Authenticator {
 public:
  // `clock` (certificate validity, cache expiry) must outlive this; so must
  // `token_review_client` when given: bearer tokens are then reviewed by it
  // (TokenReviewAuthenticator with `token_review_options`, one cache kept
  // across updates). Without it bearer tokens are "not applicable". Until the
  // first Update no certificate authenticates anything (not applicable).
  explicit DynamicAuthenticator(const Clock& clock,
                                client::RestClient* token_review_client = nullptr,
                                TokenReviewOptions token_review_options = {});
  ~DynamicAuthenticator() override;

  // Builds the authenticators for `config` and swaps them in: requests that
  // start afterwards use them, requests under way finish with the old ones.
  // An empty CA bundle leaves its authenticator out. BadRequest naming the key
  // (e.g. "requestheader-client-ca-file: the CA bundle contains no PEM
  // CERTIFICATE block", or an empty header name) when the config cannot be
  // used: nothing changes then, the previous authenticators stay.
  // Thread-safe; concurrent Updates apply in some order.
  Status Update(const DelegatedAuthenticationConfig& config);

  // The config of the last successful Update, nullopt before the first.
  std::optional<DelegatedAuthenticationConfig> config() const;

  // The first of the configured authenticators that applies (see
  // UnionAuthenticator: kUnauthorized "Unauthorized" when credentials were
  // presented but none established a user, nullopt when there were none),
  // with system:authenticated added to the user's groups.
  // Thread-safe, concurrently with Update.
  Result<std::optional<UserInfo>> Authenticate(const http::Request& request) const override;

 private:
  struct State {
    std::optional<DelegatedAuthenticationConfig> config;
    std::shared_ptr<const Authenticator> authenticator;
  };

  // The authenticators for `config` (null: before the first Update).
  Result<std::shared_ptr<const State>> Build(const DelegatedAuthenticationConfig* config) const;

  const Clock& clock_;
  const std::shared_ptr<const TokenReviewAuthenticator> token_review_;  // may be null
  std::mutex update_mu_;                                                // serializes Update
  std::atomic<std::shared_ptr<const State>> state_;
};

}  // namespace navigator::authn
