#pragma once

// Bearer tokens checked by the Kubernetes API server with a TokenReview, as
// the delegating authenticator of Kubernetes' aggregated API servers does it
// (bearertoken + cached webhook token authenticator).

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "navigator/authn/authenticator.h"
#include "navigator/base/clock.h"
#include "navigator/client/rest_client.h"

namespace navigator::authn {

inline constexpr const char* kTokenReviewPath = "/apis/authentication.k8s.io/v1/tokenreviews";

// A TokenReview answer larger than this is refused as malformed.
inline constexpr std::size_t kMaxTokenReviewResponseBytes = 1 << 20;

struct TokenReviewOptions {
  // How long an authenticated answer is reused (kube's
  // --authentication-token-webhook-cache-ttl, 10s by default).
  std::chrono::nanoseconds cache_ttl = std::chrono::seconds(10);
  // How long an unauthenticated answer (status.authenticated false without
  // status.error, or no common audience) is reused: Kubernetes' delegating
  // authenticator uses the same TTL for both. Answers with status.error and
  // failed requests are never cached (as Kubernetes: it does not cache errors).
  std::chrono::nanoseconds failure_cache_ttl = std::chrono::seconds(10);
  // At most this many tokens are cached; the least recently used goes first.
  // 0 disables the cache.
  std::size_t max_cache_entries = 4096;
  // Sent as spec.audiences when not empty; an authenticated answer whose
  // status.audiences (when it names any) shares none of them is then
  // unauthenticated (Kubernetes' webhook authenticator with API audiences).
  std::vector<std::string> audiences;
};

// The status of a TokenReview answer.
struct TokenReviewResult {
  bool authenticated = false;
  UserInfo user;                       // username, uid, groups, extra
  std::vector<std::string> audiences;  // status.audiences
  std::string error;                   // status.error

  bool operator==(const TokenReviewResult&) const = default;
};

// Parses a TokenReview answer (authentication.k8s.io/v1, JSON). Pure. Unknown
// fields are ignored and null counts as absent (as Go decodes it); kind and
// apiVersion, when present, must be TokenReview and authentication.k8s.io/v1.
// BadRequest naming the field for anything else malformed: not JSON, over
// kMaxTokenReviewResponseBytes or nested too deep, a field of the wrong type,
// or authenticated without a username.
Result<TokenReviewResult> ParseTokenReviewResponse(std::string_view body);

// The request body: a TokenReview with spec.token (and spec.audiences when
// any). The caller wipes it after use.
std::string TokenReviewRequestBody(std::string_view token,
                                   const std::vector<std::string>& audiences);

// The token of an Authorization header value, read as Kubernetes' bearertoken
// authenticator reads it: surrounding white space trimmed, split at single
// spaces into at most three parts, the first "bearer" in any case, the token
// the second (a third part is ignored). nullopt when that does not apply
// ("Basic ...", "Bearer" alone, "Bearer  x" with two spaces, an empty token).
// The result points into `authorization`.
std::optional<std::string_view> BearerToken(std::string_view authorization);

class TokenReviewAuthenticator final : public Authenticator {
 public:
  // `client` (talking to the cluster's kube-apiserver) and `clock` (cache
  // expiry) must outlive this.
  TokenReviewAuthenticator(client::RestClient& client, const Clock& clock,
                           TokenReviewOptions options = {});
  ~TokenReviewAuthenticator() override;

  // nullopt unless the request has "Authorization: Bearer <token>"
  // (BearerToken). Otherwise the cached answer for the token or a new
  // TokenReview: the reviewed user (uid, groups and extra as answered), or
  // kUnauthorized "invalid bearer token" (with status.error or the audience
  // mismatch, for the log) when the cluster says the token is not
  // authenticated. A failed TokenReview request (the cluster down, slow, or
  // refusing us, a malformed answer) is kUnauthorized naming the cause: fail
  // closed, never cached. The token is not kept (the cache holds a salted
  // SHA-256 of it) and never appears in a message. Thread-safe; concurrent
  // requests with the same uncached token each send a review.
  Result<std::optional<UserInfo>> Authenticate(const http::Request& request) const override;

  // The number of cached answers (expired ones included until evicted).
  std::size_t cache_size() const;

 private:
  struct Entry {
    Clock::TimePoint expires;
    std::optional<UserInfo> user;  // nullopt: not authenticated
    std::string reason;            // why not, for the log
    std::list<std::string>::iterator lru;
  };

  std::string CacheKey(std::string_view token) const;
  std::optional<Result<std::optional<UserInfo>>> Lookup(const std::string& key) const;
  void Store(const std::string& key, std::optional<UserInfo> user, std::string reason,
             std::chrono::nanoseconds ttl) const;
  Result<std::optional<UserInfo>> Review(std::string_view token, const std::string& key) const;

  client::RestClient& client_;
  const Clock& clock_;
  const TokenReviewOptions options_;
  std::string salt_;  // random, per instance: cache keys reveal nothing across processes

  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, Entry> cache_;  // guarded by mu_
  mutable std::list<std::string> lru_;                    // keys, least recent first; mu_
};

}  // namespace navigator::authn
