#pragma once

// Delegated authorization, as Kubernetes' webhook authorizer in its
// delegating form: every question becomes a SubjectAccessReview POSTed to the
// Kubernetes API server, and its answers (allow and deny alike) are cached for
// a while, keyed by the whole question.

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "navigator/authz/authorizer.h"
#include "navigator/base/clock.h"
#include "navigator/client/rest_client.h"

namespace navigator::authz {

// Where SubjectAccessReviews are created.
inline constexpr const char* kSubjectAccessReviewPath =
    "/apis/authorization.k8s.io/v1/subjectaccessreviews";

struct WebhookAuthorizerOptions {
  // How long an allowing answer is reused
  // (--authorization-webhook-cache-authorized-ttl).
  std::chrono::nanoseconds authorized_ttl = std::chrono::seconds(10);
  // How long a denying or no-opinion answer is reused
  // (--authorization-webhook-cache-unauthorized-ttl).
  std::chrono::nanoseconds unauthorized_ttl = std::chrono::seconds(10);
  // At most this many answers are kept; the least recently used goes first.
  // 0 disables the cache.
  std::size_t max_cache_entries = 10000;
};

class WebhookAuthorizer final : public Authorizer {
 public:
  // Questions whose request-controlled attributes (namespace, verb, group,
  // version, resource, subresource, name, path) add up to this many bytes or
  // more are never cached, as in kube: they could only flood the cache.
  static constexpr std::size_t kMaxCachedAttributeBytes = 10000;

  // Precondition: `client` and `clock` outlive the authorizer.
  WebhookAuthorizer(client::RestClient& client, const Clock& clock,
                    WebhookAuthorizerOptions options = {});

  // A cached answer while it is fresh, else a new SubjectAccessReview, whose
  // answer is cached (allow for authorized_ttl, deny and no opinion for
  // unauthorized_ttl). Verdicts follow ParseSubjectAccessReviewResponse:
  // neither allowed nor denied is kNoOpinion. Errors are never cached:
  // - the review could not be made: kServiceUnavailable, kTimeout and
  //   kTooManyRequests keep their code, any other failure (the server refusing
  //   our own credentials, say) is kInternal; the message names the cause;
  // - the answer was malformed: kInternal.
  // Thread-safe; the request runs without holding the cache lock, so equal
  // questions at the same moment may each ask the server.
  Result<Verdict> Authorize(const Attributes& attributes) const override;

  // Answers cached now, fresh or not yet evicted. For tests.
  std::size_t CacheSizeForTesting() const;

 private:
  struct Entry {
    Verdict verdict;
    Clock::TimePoint expires;
    std::list<std::string>::iterator recency;  // position in recency_
  };

  bool Lookup(const std::string& key, Verdict& out) const;
  void Store(const std::string& key, const Verdict& verdict) const;

  client::RestClient* const client_;
  const Clock& clock_;
  const WebhookAuthorizerOptions options_;

  mutable std::mutex mu_;
  // Keys, most recently used first.
  mutable std::list<std::string> recency_;
  mutable std::unordered_map<std::string, Entry> cache_;
};

}  // namespace navigator::authz
