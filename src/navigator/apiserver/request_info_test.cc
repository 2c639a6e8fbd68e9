#include "navigator/apiserver/request_info.h"

#include <gtest/gtest.h>

namespace navigator::apiserver {
namespace {

struct Case {
  const char* method;
  const char* path;
  bool resource;
  const char* verb;
  const char* ns;
  const char* resource_name;
  const char* name;
  const char* subresource;
  bool malformed;
};

TEST(RequestInfoTest, ParsesPaths) {
  const Case cases[] = {
      {"GET", "/apis/g/v1/namespaces/ns/pilots", true, "list", "ns", "pilots", "", "", false},
      {"GET", "/apis/g/v1/namespaces/ns/pilots/p", true, "get", "ns", "pilots", "p", "", false},
      {"PUT", "/apis/g/v1/namespaces/ns/pilots/p/status", true, "update", "ns", "pilots", "p",
       "status", false},
      {"POST", "/apis/g/v1/namespaces/ns/pilots", true, "create", "ns", "pilots", "", "", false},
      {"DELETE", "/apis/g/v1/namespaces/ns/pilots/p", true, "delete", "ns", "pilots", "p", "",
       false},
      {"DELETE", "/apis/g/v1/namespaces/ns/pilots", true, "deletecollection", "ns", "pilots", "",
       "", false},
      {"GET", "/apis/g/v1/pilots", true, "list", "", "pilots", "", "", false},
      {"GET", "/apis/g/v1/namespaces/ns", true, "get", "", "namespaces", "ns", "", false},
      {"GET", "/apis/g/v1/namespaces/ns/pilots/p/status/x", true, "get", "ns", "pilots", "p",
       "status", true},
      {"GET", "/apis/g/v1/namespaces/ns/pilots//x", true, "list", "ns", "pilots", "", "x", true},
      {"GET", "/apis/g/v1", false, "", "", "", "", "", false},
      {"GET", "/healthz", false, "", "", "", "", "", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    RequestInfo info = ParseRequestInfo(c.method, c.path);
    EXPECT_EQ(info.is_resource_request, c.resource);
    if (!c.resource) continue;
    EXPECT_EQ(info.verb, c.verb);
    EXPECT_EQ(info.namespace_, c.ns);
    EXPECT_EQ(info.resource, c.resource_name);
    EXPECT_EQ(info.name, c.name);
    EXPECT_EQ(info.subresource, c.subresource);
    EXPECT_EQ(info.malformed, c.malformed);
  }
}

}  // namespace
}  // namespace navigator::apiserver
