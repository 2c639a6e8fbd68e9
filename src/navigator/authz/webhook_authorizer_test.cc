#include "navigator/authz/webhook_authorizer.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::authz {
namespace {

using client::RestRequest;
using client::testing::FakeRestClient;
using namespace std::chrono_literals;

Attributes ListEsc(std::string user, std::string ns = "team-a") {
  return Attributes{.user = {.name = std::move(user), .groups = {"system:authenticated"}},
                    .verb = "list",
                    .resource_request = true,
                    .api_group = "navigator.jetstack.io",
                    .api_version = "v1alpha1",
                    .namespace_ = std::move(ns),
                    .resource = "elasticsearchclusters"};
}

std::string Answer(bool allowed, bool denied = false, std::string reason = "") {
  return std::string(R"({"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1",)") +
         R"("status":{"allowed":)" + (allowed ? "true" : "false") + R"(,"denied":)" +
         (denied ? "true" : "false") + R"(,"reason":")" + reason + R"("}})";
}

class WebhookAuthorizerTest : public ::testing::Test {
 protected:
  // Answers with `answer` and counts the reviews.
  void AnswerWith(Result<std::string> answer) {
    fake_.SetDoHandler([answer](const RestRequest&) { return answer; });
  }
  std::size_t Reviews() const { return fake_.requests().size(); }

  FakeRestClient fake_;
  FakeClock clock_{FakeClock::TimePoint{} + 1000h};
};

TEST_F(WebhookAuthorizerTest, PostsTheReviewToTheApiServer) {
  AnswerWith(Answer(true));
  WebhookAuthorizer authorizer(fake_, clock_);
  ASSERT_TRUE(authorizer.Authorize(ListEsc("alice")).ok());
  const std::vector<RestRequest> requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/apis/authorization.k8s.io/v1/subjectaccessreviews");
  EXPECT_EQ(requests[0].content_type, "application/json");
  const boost::json::value body = boost::json::parse(requests[0].body);
  EXPECT_EQ(body.at("kind"), "SubjectAccessReview");
  EXPECT_EQ(body.at("spec").at("user"), "alice");
  EXPECT_EQ(body.at("spec").at("resourceAttributes").at("namespace"), "team-a");
}

struct VerdictCase {
  std::string name;
  std::string answer;
  Decision decision;
  std::string reason;
};

class WebhookVerdictTest : public WebhookAuthorizerTest,
                           public ::testing::WithParamInterface<VerdictCase> {};

TEST_P(WebhookVerdictTest, FollowsKubeSemantics) {
  AnswerWith(GetParam().answer);
  WebhookAuthorizer authorizer(fake_, clock_);
  Result<Verdict> verdict = authorizer.Authorize(ListEsc("alice"));
  ASSERT_TRUE(verdict.ok()) << verdict.status().ToString();
  EXPECT_EQ(verdict->decision, GetParam().decision);
  EXPECT_EQ(verdict->reason, GetParam().reason);
}

INSTANTIATE_TEST_SUITE_P(
    Answers, WebhookVerdictTest,
    ::testing::Values(VerdictCase{"Allowed", Answer(true, false, "ok"), Decision::kAllow, "ok"},
                      VerdictCase{"Denied", Answer(false, true, "no"), Decision::kDeny, "no"},
                      VerdictCase{"NotAllowedIsNoOpinion", Answer(false, false, "no rule"),
                                  Decision::kNoOpinion, "no rule"}),
    [](const auto& info) { return info.param.name; });

struct CacheCase {
  std::string name;
  std::string answer;
  bool allowed_ttl_applies;  // else unauthorized_ttl
};

class WebhookCacheTest : public WebhookAuthorizerTest,
                         public ::testing::WithParamInterface<CacheCase> {};

TEST_P(WebhookCacheTest, ReusesTheAnswerWithinItsTtl) {
  AnswerWith(GetParam().answer);
  // Distinct TTLs, so that the test shows which one applies.
  WebhookAuthorizer authorizer(
      fake_, clock_, WebhookAuthorizerOptions{.authorized_ttl = 10s, .unauthorized_ttl = 3s});
  const std::chrono::seconds ttl = GetParam().allowed_ttl_applies ? 10s : 3s;
  Result<Verdict> first = authorizer.Authorize(ListEsc("alice"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Reviews(), 1u);

  clock_.Advance(ttl - 1ms);
  Result<Verdict> cached = authorizer.Authorize(ListEsc("alice"));
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ(cached->decision, first->decision);
  EXPECT_EQ(cached->reason, first->reason);
  EXPECT_EQ(Reviews(), 1u) << "a fresh answer is reused";

  clock_.Advance(1ms);
  ASSERT_TRUE(authorizer.Authorize(ListEsc("alice")).ok());
  EXPECT_EQ(Reviews(), 2u) << "an answer is not reused once its TTL has passed";
  ASSERT_TRUE(authorizer.Authorize(ListEsc("alice")).ok());
  EXPECT_EQ(Reviews(), 2u) << "the new answer is cached in turn";
}

INSTANTIATE_TEST_SUITE_P(Answers, WebhookCacheTest,
                         ::testing::Values(CacheCase{"Allow", Answer(true, false, "r"), true},
                                           CacheCase{"Deny", Answer(false, true, "r"), false},
                                           CacheCase{"NoOpinion", Answer(false), false}),
                         [](const auto& info) { return info.param.name; });

TEST_F(WebhookAuthorizerTest, TheKeyIsTheWholeQuestion) {
  AnswerWith(Answer(true));
  WebhookAuthorizer authorizer(fake_, clock_);
  std::vector<Attributes> questions;
  questions.push_back(ListEsc("alice"));
  questions.push_back(ListEsc("bob"));
  questions.push_back(ListEsc("alice", "team-b"));
  Attributes with_group = ListEsc("alice");
  with_group.user.groups.push_back("admins");
  questions.push_back(with_group);
  Attributes with_extra = ListEsc("alice");
  with_extra.user.extra["scopes"] = {"x"};
  questions.push_back(with_extra);
  Attributes with_uid = ListEsc("alice");
  with_uid.user.uid = "1";
  questions.push_back(with_uid);
  Attributes other_verb = ListEsc("alice");
  other_verb.verb = "create";
  questions.push_back(other_verb);
  Attributes subresource = ListEsc("alice");
  subresource.subresource = "status";
  questions.push_back(subresource);
  Attributes named = ListEsc("alice");
  named.name = "c1";
  questions.push_back(named);
  Attributes other_version = ListEsc("alice");
  other_version.api_version = "v1";
  questions.push_back(other_version);
  questions.push_back(Attributes{.user = {.name = "alice"}, .verb = "get", .path = "/a"});
  questions.push_back(Attributes{.user = {.name = "alice"}, .verb = "get", .path = "/b"});

  for (const Attributes& question : questions) ASSERT_TRUE(authorizer.Authorize(question).ok());
  EXPECT_EQ(Reviews(), questions.size()) << "every question differs, so none is a cache hit";
  for (const Attributes& question : questions) ASSERT_TRUE(authorizer.Authorize(question).ok());
  EXPECT_EQ(Reviews(), questions.size()) << "asked again, every one is";
  EXPECT_EQ(authorizer.CacheSizeForTesting(), questions.size());
}

TEST_F(WebhookAuthorizerTest, FailedReviewsAreNotCached) {
  AnswerWith(Status(StatusCode::kServiceUnavailable, "dial tcp 127.0.0.1:6443: refused"));
  WebhookAuthorizer authorizer(fake_, clock_);
  for (int i = 0; i < 2; ++i) {
    Result<Verdict> verdict = authorizer.Authorize(ListEsc("alice"));
    ASSERT_FALSE(verdict.ok());
    EXPECT_EQ(verdict.status().code(), StatusCode::kServiceUnavailable);
    EXPECT_NE(verdict.status().message().find("dial tcp 127.0.0.1:6443: refused"),
              std::string::npos)
        << verdict.status().message();
  }
  EXPECT_EQ(Reviews(), 2u);
  EXPECT_EQ(authorizer.CacheSizeForTesting(), 0u);

  AnswerWith(Answer(true));
  Result<Verdict> verdict = authorizer.Authorize(ListEsc("alice"));
  ASSERT_TRUE(verdict.ok()) << "the server is asked again once it is back";
  EXPECT_EQ(verdict->decision, Decision::kAllow);
}

struct ErrorCase {
  std::string name;
  Result<std::string> answer;
  StatusCode code;
};

class WebhookErrorTest : public WebhookAuthorizerTest,
                         public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(WebhookErrorTest, FailsClosedWithoutCaching) {
  AnswerWith(GetParam().answer);
  WebhookAuthorizer authorizer(fake_, clock_);
  Result<Verdict> verdict = authorizer.Authorize(ListEsc("alice"));
  ASSERT_FALSE(verdict.ok());
  EXPECT_EQ(verdict.status().code(), GetParam().code) << verdict.status().ToString();
  EXPECT_FALSE(verdict.status().message().empty());
  EXPECT_EQ(authorizer.CacheSizeForTesting(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Failures, WebhookErrorTest,
    ::testing::Values(
        ErrorCase{"Unreachable", Status(StatusCode::kServiceUnavailable, "refused"),
                  StatusCode::kServiceUnavailable},
        ErrorCase{"Slow", Status(StatusCode::kTimeout, "no answer in 30s"), StatusCode::kTimeout},
        ErrorCase{"Throttled", Status(StatusCode::kTooManyRequests, "slow down"),
                  StatusCode::kTooManyRequests},
        // Our own service account may not create reviews: not the user's 403.
        ErrorCase{"OurCredentialsRefused",
                  Status(StatusCode::kForbidden, "cannot create subjectaccessreviews"),
                  StatusCode::kInternal},
        ErrorCase{"OurCredentialsUnknown", Status(StatusCode::kUnauthorized, "Unauthorized"),
                  StatusCode::kInternal},
        ErrorCase{"MalformedAnswer", std::string("<html>"), StatusCode::kInternal},
        ErrorCase{"AllowedAndDenied", Answer(true, true), StatusCode::kInternal}),
    [](const auto& info) { return info.param.name; });

TEST_F(WebhookAuthorizerTest, EvictsTheLeastRecentlyUsedBeyondTheBound) {
  AnswerWith(Answer(true));
  WebhookAuthorizer authorizer(fake_, clock_, WebhookAuthorizerOptions{.max_cache_entries = 2});
  ASSERT_TRUE(authorizer.Authorize(ListEsc("a")).ok());
  ASSERT_TRUE(authorizer.Authorize(ListEsc("b")).ok());
  ASSERT_TRUE(authorizer.Authorize(ListEsc("a")).ok());  // a is now the most recent
  EXPECT_EQ(Reviews(), 2u);
  ASSERT_TRUE(authorizer.Authorize(ListEsc("c")).ok());  // evicts b
  EXPECT_EQ(Reviews(), 3u);
  EXPECT_EQ(authorizer.CacheSizeForTesting(), 2u);
  ASSERT_TRUE(authorizer.Authorize(ListEsc("a")).ok());
  ASSERT_TRUE(authorizer.Authorize(ListEsc("c")).ok());
  EXPECT_EQ(Reviews(), 3u);
  ASSERT_TRUE(authorizer.Authorize(ListEsc("b")).ok());
  EXPECT_EQ(Reviews(), 4u);
  EXPECT_EQ(authorizer.CacheSizeForTesting(), 2u);
}

TEST_F(WebhookAuthorizerTest, ZeroBoundOrTtlDisablesCaching) {
  AnswerWith(Answer(true));
  WebhookAuthorizer no_entries(fake_, clock_, WebhookAuthorizerOptions{.max_cache_entries = 0});
  ASSERT_TRUE(no_entries.Authorize(ListEsc("a")).ok());
  ASSERT_TRUE(no_entries.Authorize(ListEsc("a")).ok());
  EXPECT_EQ(Reviews(), 2u);
  WebhookAuthorizer no_ttl(fake_, clock_, WebhookAuthorizerOptions{.authorized_ttl = 0s});
  ASSERT_TRUE(no_ttl.Authorize(ListEsc("a")).ok());
  ASSERT_TRUE(no_ttl.Authorize(ListEsc("a")).ok());
  EXPECT_EQ(Reviews(), 4u);
}

TEST_F(WebhookAuthorizerTest, HugeRequestControlledAttributesAreNotCached) {
  AnswerWith(Answer(true));
  WebhookAuthorizer authorizer(fake_, clock_);
  Attributes huge = ListEsc("alice");
  huge.name = std::string(WebhookAuthorizer::kMaxCachedAttributeBytes, 'n');
  ASSERT_TRUE(authorizer.Authorize(huge).ok());
  ASSERT_TRUE(authorizer.Authorize(huge).ok());
  EXPECT_EQ(Reviews(), 2u);
  EXPECT_EQ(authorizer.CacheSizeForTesting(), 0u);
}

TEST_F(WebhookAuthorizerTest, ConcurrentQuestionsAreSafe) {
  AnswerWith(Answer(true));
  WebhookAuthorizer authorizer(fake_, clock_, WebhookAuthorizerOptions{.max_cache_entries = 8});
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        Result<Verdict> verdict = authorizer.Authorize(ListEsc("u" + std::to_string((i + t) % 16)));
        if (!verdict.ok() || verdict->decision != Decision::kAllow) ++failures;
        if (i % 50 == 0) clock_.Advance(11s);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(authorizer.CacheSizeForTesting(), 8u);
}

}  // namespace
}  // namespace navigator::authz
