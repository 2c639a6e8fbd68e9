// How requests map onto authorization attributes (kube's RequestInfoFactory).

#include "navigator/apiserver/request_attributes.h"

#include <gtest/gtest.h>

namespace navigator::apiserver {
namespace {

http::Request Make(std::string method, std::string path, http::NameValues query = {}) {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  r.query = std::move(query);
  return r;
}

constexpr char kGroup[] = "navigator.jetstack.io";
constexpr char kEsc[] =
    "/apis/navigator.jetstack.io/v1alpha1/namespaces/team-a/elasticsearchclusters";

TEST(RequestAttributesTest, ResourceVerbs) {
  struct Row {
    const char* method;
    std::string path;
    http::NameValues query;
    const char* verb;
    const char* name;
  };
  const Row rows[] = {
      {"GET", kEsc, {}, "list", ""},
      {"HEAD", kEsc, {}, "list", ""},
      {"GET", kEsc, {{"watch", "true"}}, "watch", ""},
      {"GET", kEsc, {{"watch", "1"}}, "watch", ""},
      {"GET", kEsc, {{"watch", "false"}}, "list", ""},
      {"GET", kEsc, {{"fieldSelector", "metadata.name=es1"}}, "list", "es1"},
      {"GET", kEsc, {{"watch", "true"}, {"fieldSelector", "metadata.name==es1"}}, "watch", "es1"},
      {"GET", kEsc, {{"fieldSelector", "metadata.name=es1,spec.version=7"}}, "list", ""},
      {"GET", std::string(kEsc) + "/es1", {}, "get", "es1"},
      {"POST", kEsc, {}, "create", ""},
      {"PUT", std::string(kEsc) + "/es1", {}, "update", "es1"},
      {"PATCH", std::string(kEsc) + "/es1", {}, "patch", "es1"},
      {"DELETE", std::string(kEsc) + "/es1", {}, "delete", "es1"},
      {"DELETE", kEsc, {}, "deletecollection", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.method) + " " + row.path);
    authz::Attributes a =
        RequestAttributes(Make(row.method, row.path, row.query), authn::UserInfo{.name = "alice"});
    EXPECT_TRUE(a.resource_request);
    EXPECT_EQ(a.verb, row.verb);
    EXPECT_EQ(a.name, row.name);
    EXPECT_EQ(a.api_group, kGroup);
    EXPECT_EQ(a.api_version, "v1alpha1");
    EXPECT_EQ(a.namespace_, "team-a");
    EXPECT_EQ(a.resource, "elasticsearchclusters");
    EXPECT_EQ(a.user.name, "alice");
  }
}

TEST(RequestAttributesTest, SubresourceAndClusterScope) {
  authz::Attributes status = RequestAttributes(
      Make("PUT", "/apis/navigator.jetstack.io/v1alpha1/namespaces/ns/pilots/p1/status"), {});
  EXPECT_EQ(status.verb, "update");
  EXPECT_EQ(status.resource, "pilots");
  EXPECT_EQ(status.subresource, "status");
  EXPECT_EQ(status.name, "p1");

  authz::Attributes all =
      RequestAttributes(Make("GET", "/apis/navigator.jetstack.io/v1alpha1/pilots"), {});
  EXPECT_TRUE(all.resource_request);
  EXPECT_EQ(all.verb, "list");
  EXPECT_EQ(all.namespace_, "");
}

TEST(RequestAttributesTest, NonResourcePaths) {
  for (const char* path : {"/healthz", "/metrics", "/apis", "/apis/navigator.jetstack.io",
                           "/apis/navigator.jetstack.io/v1alpha1", "/openapi/v2", "/version"}) {
    SCOPED_TRACE(path);
    authz::Attributes a = RequestAttributes(Make("GET", path), {});
    EXPECT_FALSE(a.resource_request);
    EXPECT_EQ(a.verb, "get");
    EXPECT_EQ(a.path, path);
  }
  EXPECT_EQ(RequestAttributes(Make("HEAD", "/healthz"), {}).verb, "head");
  EXPECT_EQ(RequestAttributes(Make("POST", "/metrics"), {}).verb, "post");
}

}  // namespace
}  // namespace navigator::apiserver
