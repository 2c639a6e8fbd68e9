// The access filter's table: what authentication and authorization answer ->
// what the client gets, and whether the wrapped handler ran.

#include "navigator/apiserver/access_filter.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navigator::apiserver {
namespace {

class ScriptedAuthenticator final : public authn::Authenticator {
 public:
  Result<std::optional<authn::UserInfo>> answer = std::optional<authn::UserInfo>();
  Result<std::optional<authn::UserInfo>> Authenticate(const http::Request&) const override {
    return answer;
  }
};

class RecordingAuthorizer final : public authz::Authorizer {
 public:
  Result<authz::Verdict> answer = authz::Verdict{};
  mutable authz::Attributes seen;
  Result<authz::Verdict> Authorize(const authz::Attributes& attributes) const override {
    seen = attributes;
    return answer;
  }
};

struct Outcome {
  int status;
  bool handler_ran;
  std::string message;
};

class AccessFilterTest : public ::testing::Test {
 protected:
  Outcome Send(const std::string& method, const std::string& path, AccessOptions options = {}) {
    bool ran = false;
    http::Handler handler = WithAccessControl(
        [&ran](const http::Request&) {
          ran = true;
          return http::Response{.status = 200, .body = "{}"};
        },
        authenticator_, authorizer_, options);
    http::Request request;
    request.method = method;
    request.path = path;
    request.target = path;
    http::Response r = handler(request);
    std::string message;
    if (r.status != 200)
      message = std::string(boost::json::parse(r.body).at("message").as_string());
    return {r.status, ran, message};
  }

  ScriptedAuthenticator authenticator_;
  RecordingAuthorizer authorizer_;
};

constexpr char kEsc[] =
    "/apis/navigator.jetstack.io/v1alpha1/namespaces/team-a/elasticsearchclusters";

TEST_F(AccessFilterTest, AuthenticatedAndAllowed) {
  authenticator_.answer = std::optional(authn::UserInfo{.name = "alice", .groups = {"dev"}});
  authorizer_.answer = authz::Verdict{authz::Decision::kAllow, ""};
  Outcome o = Send("GET", kEsc);
  EXPECT_EQ(o.status, 200);
  EXPECT_TRUE(o.handler_ran);
  EXPECT_EQ(authorizer_.seen.user.name, "alice");
  EXPECT_EQ(authorizer_.seen.user.groups,
            (std::vector<std::string>{"dev", "system:authenticated"}));
  EXPECT_EQ(authorizer_.seen.verb, "list");
}

TEST_F(AccessFilterTest, InvalidCredentialsAre401EvenWithAnonymousOn) {
  authenticator_.answer = Status(StatusCode::kUnauthorized, "x509: certificate has expired");
  authorizer_.answer = authz::Verdict{authz::Decision::kAllow, ""};
  Outcome o = Send("GET", kEsc);
  EXPECT_EQ(o.status, 401);
  EXPECT_FALSE(o.handler_ran);
  EXPECT_EQ(o.message, "Unauthorized");  // the reason stays in the log
}

TEST_F(AccessFilterTest, NoCredentials) {
  authorizer_.answer = authz::Verdict{authz::Decision::kAllow, ""};
  Outcome anonymous = Send("GET", kEsc);
  EXPECT_EQ(anonymous.status, 200);
  EXPECT_EQ(authorizer_.seen.user.name, "system:anonymous");
  EXPECT_EQ(authorizer_.seen.user.groups, (std::vector<std::string>{"system:unauthenticated"}));

  Outcome refused = Send("GET", kEsc, AccessOptions{.anonymous_auth = false});
  EXPECT_EQ(refused.status, 401);
  EXPECT_FALSE(refused.handler_ran);
}

TEST_F(AccessFilterTest, DeniedOrNoOpinionIs403WithKubesMessage) {
  authenticator_.answer = std::optional(authn::UserInfo{.name = "alice"});
  for (authz::Decision d : {authz::Decision::kDeny, authz::Decision::kNoOpinion}) {
    authorizer_.answer = authz::Verdict{d, ""};
    Outcome o = Send("POST", kEsc);
    EXPECT_EQ(o.status, 403);
    EXPECT_FALSE(o.handler_ran);
    EXPECT_EQ(o.message,
              "elasticsearchclusters.navigator.jetstack.io is forbidden: User \"alice\" cannot "
              "create resource \"elasticsearchclusters\" in API group \"navigator.jetstack.io\" "
              "in the namespace \"team-a\"");
  }
}

TEST_F(AccessFilterTest, AuthorizerErrorFailsClosedWith503) {
  authenticator_.answer = std::optional(authn::UserInfo{.name = "alice"});
  authorizer_.answer = Status(StatusCode::kServiceUnavailable, "cannot reach https://127.0.0.1:1");
  Outcome o = Send("GET", kEsc);
  EXPECT_EQ(o.status, 503);
  EXPECT_FALSE(o.handler_ran);
  EXPECT_NE(o.message.find("cannot reach"), std::string::npos) << o.message;
}

}  // namespace
}  // namespace navigator::apiserver
