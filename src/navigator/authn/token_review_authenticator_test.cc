#include "navigator/authn/token_review_authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::authn {
namespace {

using client::RestRequest;
using client::testing::FakeRestClient;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;
using namespace std::chrono_literals;

constexpr std::string_view kAliceReview = R"({
  "apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview",
  "status": {"authenticated": true,
             "user": {"username": "alice", "uid": "u-1", "groups": ["team-a", "system:authenticated"],
                      "extra": {"scopes": ["view", "edit"], "authentication.kubernetes.io/credential-id": ["JTI=x"]}},
             "audiences": ["https://kubernetes.default.svc"]}})";
constexpr std::string_view kNotAuthenticated =
    R"({"kind":"TokenReview","status":{"authenticated":false}})";
constexpr std::string_view kNotAuthenticatedWithError =
    R"({"kind":"TokenReview","status":{"authenticated":false,"error":"token has expired"}})";

http::Request WithAuthorization(std::string value) {
  http::Request request;
  request.method = "GET";
  request.target = request.path = "/apis";
  request.remote_address = "127.0.0.1:40000";
  request.headers = {{"Authorization", std::move(value)}};
  return request;
}

class TokenReviewAuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override { Answer(std::string(kAliceReview)); }

  // Every TokenReview is answered with `body`.
  void Answer(std::string body) {
    fake_.SetDoHandler([body](const RestRequest&) -> Result<std::string> { return body; });
  }
  void Fail(Status status) {
    fake_.SetDoHandler([status](const RestRequest&) -> Result<std::string> { return status; });
  }

  Result<std::optional<UserInfo>> Authenticate(const std::string& token) {
    return authenticator_->Authenticate(WithAuthorization("Bearer " + token));
  }

  std::size_t Reviews() const { return fake_.requests().size(); }

  FakeClock clock_{std::chrono::system_clock::now()};
  FakeRestClient fake_;
  std::unique_ptr<TokenReviewAuthenticator> authenticator_ =
      std::make_unique<TokenReviewAuthenticator>(fake_, clock_);
};

TEST(BearerTokenTest, HeaderForms) {
  struct Case {
    std::string header;
    std::optional<std::string> token;
  };
  const std::vector<Case> cases = {
      {"Bearer abc", "abc"},         {"bearer abc", "abc"},
      {"BEARER abc", "abc"},         {"BeArEr abc.def-ghi_jkl", "abc.def-ghi_jkl"},
      {"  Bearer abc \t", "abc"},                                    // trimmed
      {"Bearer abc extra", "abc"},                                   // a third part is ignored
      {"Bearer abc  ", "abc"},       {"Bearer  abc", std::nullopt},  // two spaces: an empty token
      {"Bearer ", std::nullopt},     {"Bearer", std::nullopt},
      {"Bearer\tabc", std::nullopt},  // only a space separates
      {"Bearerabc", std::nullopt},   {"Basic YWxpY2U6cGFzcw==", std::nullopt},
      {"Token abc", std::nullopt},   {"", std::nullopt},
      {"   ", std::nullopt},
  };
  for (const Case& c : cases) {
    const std::optional<std::string_view> token = BearerToken(c.header);
    EXPECT_EQ(token.has_value(), c.token.has_value()) << '"' << c.header << '"';
    if (token && c.token) {
      EXPECT_EQ(*token, *c.token) << '"' << c.header << '"';
    }
  }
}

TEST_F(TokenReviewAuthenticatorTest, RequestsWithoutABearerTokenDoNotApply) {
  for (const char* header : {"Basic YWxpY2U6cGFzcw==", "Bearer  abc", "Bearer", ""}) {
    auto result = authenticator_->Authenticate(WithAuthorization(header));
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_FALSE(result->has_value()) << header;
  }
  http::Request no_header = WithAuthorization("");
  no_header.headers.clear();
  auto result = authenticator_->Authenticate(no_header);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->has_value());
  EXPECT_EQ(Reviews(), 0u);
}

TEST_F(TokenReviewAuthenticatorTest, AnAuthenticatedReviewIsTheUser) {
  auto result = Authenticate("tok-1");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->has_value());
  const UserInfo& user = **result;
  EXPECT_EQ(user.name, "alice");
  EXPECT_EQ(user.uid, "u-1");
  EXPECT_THAT(user.groups, ElementsAre("team-a", "system:authenticated"));
  EXPECT_THAT(user.extra, ElementsAre(Pair(kCredentialIdKey, ElementsAre("JTI=x")),
                                      Pair("scopes", ElementsAre("view", "edit"))));

  const std::vector<RestRequest> requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, "/apis/authentication.k8s.io/v1/tokenreviews");
  const auto body = boost::json::parse(requests[0].body);
  EXPECT_EQ(body.at("apiVersion"), "authentication.k8s.io/v1");
  EXPECT_EQ(body.at("kind"), "TokenReview");
  EXPECT_EQ(body.at("spec").at("token"), "tok-1");
  EXPECT_FALSE(body.at("spec").as_object().contains("audiences"));
}

TEST_F(TokenReviewAuthenticatorTest, AnAnswerIsCachedForTheTtl) {
  ASSERT_TRUE(Authenticate("tok-1").ok());
  clock_.Advance(9s);
  auto cached = Authenticate("tok-1");
  ASSERT_TRUE(cached.ok());
  EXPECT_EQ((*cached)->name, "alice");
  EXPECT_EQ(Reviews(), 1u);

  ASSERT_TRUE(Authenticate("tok-2").ok());  // another token is another review
  EXPECT_EQ(Reviews(), 2u);

  clock_.Advance(1s);  // tok-1's 10s are over
  Answer(R"({"status":{"authenticated":true,"user":{"username":"bob"}}})");
  auto renewed = Authenticate("tok-1");
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ((*renewed)->name, "bob");
  EXPECT_EQ(Reviews(), 3u);
}

TEST_F(TokenReviewAuthenticatorTest, ACustomTtl) {
  authenticator_ = std::make_unique<TokenReviewAuthenticator>(
      fake_, clock_, TokenReviewOptions{.cache_ttl = 2min});
  ASSERT_TRUE(Authenticate("tok").ok());
  clock_.Advance(119s);
  ASSERT_TRUE(Authenticate("tok").ok());
  EXPECT_EQ(Reviews(), 1u);
  clock_.Advance(1s);
  ASSERT_TRUE(Authenticate("tok").ok());
  EXPECT_EQ(Reviews(), 2u);
}

TEST_F(TokenReviewAuthenticatorTest, AnUnauthenticatedAnswerIsCachedForTheFailureTtl) {
  Answer(std::string(kNotAuthenticated));
  for (int i = 0; i < 3; ++i) {
    auto result = Authenticate("bad");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
    EXPECT_EQ(result.status().message(), "invalid bearer token");
  }
  EXPECT_EQ(Reviews(), 1u);
  clock_.Advance(10s);
  Answer(std::string(kAliceReview));
  auto result = Authenticate("bad");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Reviews(), 2u);
}

TEST_F(TokenReviewAuthenticatorTest, AnAnswerWithAnErrorIsNotCached) {
  Answer(std::string(kNotAuthenticatedWithError));
  for (int i = 0; i < 2; ++i) {
    auto result = Authenticate("expired");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
    EXPECT_EQ(result.status().message(), "invalid bearer token: token has expired");
  }
  EXPECT_EQ(Reviews(), 2u);
}

TEST_F(TokenReviewAuthenticatorTest, FailedRequestsFailClosedAndAreNotCached) {
  const std::vector<Status> failures = {
      Unavailable("dial tcp 127.0.0.1:6443: connection refused"),
      Timeout("no answer within 10s"),
      Status(StatusCode::kForbidden,
             "tokenreviews.authentication.k8s.io is forbidden: User \"system:anonymous\" cannot "
             "create resource"),
      Internal("etcd is down"),
  };
  std::size_t reviews = 0;
  for (const Status& failure : failures) {
    Fail(failure);
    for (int i = 0; i < 2; ++i) {
      auto result = Authenticate("secret-token-value");
      ASSERT_FALSE(result.ok()) << failure.ToString();
      EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
      EXPECT_THAT(result.status().message(), HasSubstr("token review failed: "));
      EXPECT_THAT(result.status().message(), HasSubstr(failure.message()));
      EXPECT_THAT(result.status().message(), Not(HasSubstr("secret-token-value")));
      EXPECT_EQ(Reviews(), ++reviews);
    }
  }
  EXPECT_EQ(authenticator_->cache_size(), 0u);
  // Once the cluster answers again, the token works.
  Answer(std::string(kAliceReview));
  EXPECT_TRUE(Authenticate("secret-token-value").ok());
}

TEST_F(TokenReviewAuthenticatorTest, MalformedAnswersFailClosedAndAreNotCached) {
  const std::vector<std::string> answers = {
      "",
      "not json",
      "[]",
      R"({"status": "yes"})",
      R"({"status": {"authenticated": "true", "user": {"username": "alice"}}})",
      R"({"status": {"authenticated": true}})",
      R"({"status": {"authenticated": true, "user": {"username": 7}}})",
      R"({"status": {"authenticated": true, "user": {"username": "a", "groups": "g"}}})",
      R"({"kind": "Status", "status": {"authenticated": true, "user": {"username": "a"}}})",
      std::string(kAliceReview) + "{}",
  };
  std::size_t reviews = 0;
  for (const std::string& answer : answers) {
    Answer(answer);
    for (int i = 0; i < 2; ++i) {
      auto result = Authenticate("tok");
      ASSERT_FALSE(result.ok()) << answer;
      EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
      EXPECT_THAT(result.status().message(), HasSubstr("token review failed: TokenReview answer"));
      EXPECT_EQ(Reviews(), ++reviews) << answer;
    }
  }
}

TEST_F(TokenReviewAuthenticatorTest, TheCacheHoldsDigestsNotTokensAndIsBounded) {
  authenticator_ = std::make_unique<TokenReviewAuthenticator>(
      fake_, clock_, TokenReviewOptions{.max_cache_entries = 2});
  ASSERT_TRUE(Authenticate("t1").ok());
  ASSERT_TRUE(Authenticate("t2").ok());
  ASSERT_TRUE(Authenticate("t1").ok());  // t1 is now the most recently used
  EXPECT_EQ(Reviews(), 2u);
  ASSERT_TRUE(Authenticate("t3").ok());  // evicts t2
  EXPECT_EQ(authenticator_->cache_size(), 2u);
  ASSERT_TRUE(Authenticate("t1").ok());
  EXPECT_EQ(Reviews(), 3u);
  ASSERT_TRUE(Authenticate("t2").ok());
  EXPECT_EQ(Reviews(), 4u);
  EXPECT_EQ(authenticator_->cache_size(), 2u);
}

TEST_F(TokenReviewAuthenticatorTest, ACacheOfZeroEntriesReviewsEveryRequest) {
  authenticator_ = std::make_unique<TokenReviewAuthenticator>(
      fake_, clock_, TokenReviewOptions{.max_cache_entries = 0});
  ASSERT_TRUE(Authenticate("t").ok());
  ASSERT_TRUE(Authenticate("t").ok());
  EXPECT_EQ(Reviews(), 2u);
}

TEST_F(TokenReviewAuthenticatorTest, Audiences) {
  authenticator_ = std::make_unique<TokenReviewAuthenticator>(
      fake_, clock_,
      TokenReviewOptions{.audiences = {"navigator", "https://kubernetes.default.svc"}});
  auto result = Authenticate("tok");  // answered for https://kubernetes.default.svc
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const auto body = boost::json::parse(fake_.requests().at(0).body);
  EXPECT_EQ(body.at("spec").at("audiences"),
            boost::json::parse(R"(["navigator", "https://kubernetes.default.svc"])"));

  Answer(R"({"status":{"authenticated":true,"user":{"username":"a"},"audiences":["other"]}})");
  auto other = Authenticate("tok-other");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), StatusCode::kUnauthorized);
  EXPECT_THAT(other.status().message(), HasSubstr("audiences [other] include none of"));
  EXPECT_FALSE(Authenticate("tok-other").ok());
  EXPECT_EQ(Reviews(), 2u);  // cached as a failure

  // An answer that names no audience is for the requested ones.
  Answer(R"({"status":{"authenticated":true,"user":{"username":"a"}}})");
  EXPECT_TRUE(Authenticate("tok-none").ok());
}

TEST_F(TokenReviewAuthenticatorTest, TokensThatCannotBeTokensAreNotSent) {
  auto result =
      authenticator_->Authenticate(WithAuthorization("Bearer ab\x01"
                                                     "c"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthorized);
  result = authenticator_->Authenticate(WithAuthorization("Bearer caf\xc3\xa9"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(Reviews(), 0u);
}

TEST_F(TokenReviewAuthenticatorTest, ConcurrentRequests) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (Authenticate("tok-" + std::to_string((t * 50 + i) % 7)).ok()) ++ok;
        if (i % 10 == 0) clock_.Advance(3s);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), 400);
  EXPECT_LE(authenticator_->cache_size(), 7u);
}

TEST(TokenReviewRequestBodyTest, EscapesTheToken) {
  const std::string body = TokenReviewRequestBody("a\"b\\c\n", {});
  const auto value = boost::json::parse(body);
  EXPECT_EQ(value.at("spec").at("token"), "a\"b\\c\n");
  EXPECT_EQ(value.at("kind"), "TokenReview");
}

TEST(ParseTokenReviewResponseTest, WellFormedAnswers) {
  struct Case {
    std::string body;
    TokenReviewResult want;
  };
  const std::vector<Case> cases = {
      {"{}", {}},
      {R"({"status":null})", {}},
      {R"({"status":{}})", {}},
      {R"({"status":{"authenticated":false,"error":"nope","user":{}}})", {.error = "nope"}},
      {R"({"status":{"authenticated":true,"user":{"username":"a","groups":null,"extra":null}}})",
       {.authenticated = true, .user = {.name = "a"}}},
      {R"({"status":{"authenticated":true,"user":{"username":"a","extra":{"k":null}},)"
       R"("audiences":["x"]},"spec":{"token":"t"},"metadata":{"creationTimestamp":null}})",
       {.authenticated = true, .user = {.name = "a", .extra = {{"k", {}}}}, .audiences = {"x"}}},
  };
  for (const Case& c : cases) {
    auto result = ParseTokenReviewResponse(c.body);
    ASSERT_TRUE(result.ok()) << c.body << ": " << result.status().ToString();
    EXPECT_EQ(*result, c.want) << c.body;
  }
}

TEST(ParseTokenReviewResponseTest, MalformedAnswers) {
  struct Case {
    std::string body;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "malformed JSON"},
      {"{", "malformed JSON"},
      {"{} x", "malformed JSON"},
      {"\"text\"", "the answer: must be an object"},
      {R"({"kind":"Status"})", "kind: \"Status\" is not TokenReview"},
      {R"({"apiVersion":"authentication.k8s.io/v1beta1"})", "apiVersion"},
      {R"({"kind":1})", "kind: must be a string"},
      {R"({"status":[]})", "status: must be an object"},
      {R"({"status":{"authenticated":1}})", "status.authenticated: must be a boolean"},
      {R"({"status":{"error":false}})", "status.error: must be a string"},
      {R"({"status":{"audiences":"x"}})", "status.audiences: must be a list of strings"},
      {R"({"status":{"audiences":["x",2]}})", "status.audiences[1]: must be a string"},
      {R"({"status":{"user":"alice"}})", "status.user: must be an object"},
      {R"({"status":{"user":{"uid":1}}})", "status.user.uid: must be a string"},
      {R"({"status":{"user":{"groups":[null]}}})", "status.user.groups[0]: must be a string"},
      {R"({"status":{"user":{"extra":[]}}})", "status.user.extra: must be an object"},
      {R"({"status":{"user":{"extra":{"k":"v"}}}})", "status.user.extra[k]: must be a list"},
      {R"({"status":{"authenticated":true,"user":{"username":""}}})", "must name the user"},
      {std::string(200, '[') + std::string(200, ']'), "malformed JSON"},
      {"{\"x\":\"" + std::string(kMaxTokenReviewResponseBytes, 'a') + "\"}", "bytes is more than"},
  };
  for (const Case& c : cases) {
    auto result = ParseTokenReviewResponse(c.body);
    ASSERT_FALSE(result.ok()) << c.body.substr(0, 100);
    EXPECT_EQ(result.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(result.status().message(), HasSubstr("TokenReview answer"));
    EXPECT_THAT(result.status().message(), HasSubstr(c.message)) << c.body.substr(0, 100);
  }
}

}  // namespace
}  // namespace navigator::authn
