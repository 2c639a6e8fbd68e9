#include "navigator/authz/webhook_authorizer.h"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <utility>

#include "navigator/authz/subject_access_review.h"

namespace navigator::authz {

namespace {

std::size_t ControlledAttributeBytes(const Attributes& a) {
  return a.namespace_.size() + a.verb.size() + a.api_group.size() + a.api_version.size() +
         a.resource.size() + a.subresource.size() + a.name.size() + a.path.size();
}

Status ReviewFailed(const Status& cause) {
  StatusCode code = StatusCode::kInternal;
  switch (cause.code()) {
    case StatusCode::kServiceUnavailable:
    case StatusCode::kTimeout:
    case StatusCode::kTooManyRequests:
      code = cause.code();
      break;
    default:
      break;
  }
  return Status(
      code, "unable to authorize the request: the SubjectAccessReview failed: " + cause.message());
}

}  // namespace

WebhookAuthorizer::WebhookAuthorizer(client::RestClient& client, const Clock& clock,
                                     WebhookAuthorizerOptions options)
    : client_(&client), clock_(clock), options_(options) {}

Result<Verdict> WebhookAuthorizer::Authorize(const Attributes& attributes) const {
  const boost::json::object review = SubjectAccessReviewFor(attributes);
  const std::string body = boost::json::serialize(review);
  // The spec determines the answer, and the serialisation is canonical (keys
  // in a fixed order, extra sorted by std::map), so the body is the key.
  const bool cacheable = options_.max_cache_entries > 0 &&
                         ControlledAttributeBytes(attributes) < kMaxCachedAttributeBytes;
  if (cacheable) {
    Verdict cached;
    if (Lookup(body, cached)) return cached;
  }

  Result<std::string> answer = client_->Do(
      client::RestRequest{.method = "POST", .path = kSubjectAccessReviewPath, .body = body});
  if (!answer.ok()) {
    spdlog::error("Failed to make webhook authorizer request: {}", answer.status().ToString());
    return ReviewFailed(answer.status());
  }
  Result<SubjectAccessReviewStatus> status = ParseSubjectAccessReviewStatus(*answer);
  if (!status.ok()) return std::move(status).status();
  if (!status->evaluation_error.empty()) {
    spdlog::warn("SubjectAccessReview for user \"{}\" evaluated with an error: {}",
                 attributes.user.name, status->evaluation_error);
  }
  Result<Verdict> verdict = VerdictOf(*status);
  if (verdict.ok() && cacheable) Store(body, *verdict);
  return verdict;
}

bool WebhookAuthorizer::Lookup(const std::string& key, Verdict& out) const {
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it == cache_.end()) return false;
  if (clock_.Now() >= it->second.expires) {
    recency_.erase(it->second.recency);
    cache_.erase(it);
    return false;
  }
  recency_.splice(recency_.begin(), recency_, it->second.recency);
  out = it->second.verdict;
  return true;
}

void WebhookAuthorizer::Store(const std::string& key, const Verdict& verdict) const {
  const auto ttl =
      verdict.decision == Decision::kAllow ? options_.authorized_ttl : options_.unauthorized_ttl;
  if (ttl <= std::chrono::nanoseconds::zero()) return;
  const Clock::TimePoint expires =
      clock_.Now() + std::chrono::duration_cast<Clock::TimePoint::duration>(ttl);
  std::lock_guard lock(mu_);
  auto it = cache_.find(key);
  if (it != cache_.end()) {
    it->second.verdict = verdict;
    it->second.expires = expires;
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return;
  }
  recency_.push_front(key);
  cache_.emplace(key, Entry{.verdict = verdict, .expires = expires, .recency = recency_.begin()});
  while (cache_.size() > options_.max_cache_entries) {
    cache_.erase(recency_.back());
    recency_.pop_back();
  }
}

std::size_t WebhookAuthorizer::CacheSizeForTesting() const {
  std::lock_guard lock(mu_);
  return cache_.size();
}

}  // namespace navigator::authz
