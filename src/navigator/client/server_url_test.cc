#include "navigator/client/server_url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace navigator::client {
namespace {

using ::testing::HasSubstr;

TEST(ServerUrlTest, ParsesHostsPortsAndPrefixes) {
  auto url = ParseServerUrl("https://kube.example:6443");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_EQ(url->host, "kube.example");
  EXPECT_FALSE(url->host_is_ip);
  EXPECT_EQ(url->port, 6443);
  EXPECT_EQ(url->path_prefix, "");
  EXPECT_EQ(url->Origin(), "https://kube.example:6443");
  EXPECT_EQ(url->HostHeader(), "kube.example:6443");

  url = ParseServerUrl("HTTPS://10.0.0.1/prefix/");
  ASSERT_TRUE(url.ok());
  EXPECT_TRUE(url->host_is_ip);
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->path_prefix, "/prefix");
  EXPECT_EQ(url->HostHeader(), "10.0.0.1");

  url = ParseServerUrl("https://[::1]:8443");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_TRUE(url->host_is_ip);
  EXPECT_EQ(url->Origin(), "https://[::1]:8443");
  EXPECT_EQ(url->HostHeader(), "[::1]:8443");
}

TEST(ServerUrlTest, RefusesMalformedUrls) {
  const struct {
    const char* url;
    const char* message;
  } cases[] = {
      {"", "no server URL"},
      {"http://kube:8080", "http:// is refused"},
      {"ftp://kube", "not an https:// URL"},
      {"kube:6443", "not an https:// URL"},
      {"https://", "no host"},
      {"https://:6443", "no host"},
      {"https://user@kube", "user info"},
      {"https://kube:", "empty port"},
      {"https://kube:0", "out of range"},
      {"https://kube:65536", "out of range"},
      {"https://kube:12a", "not a number"},
      {"https://kube:123456", "not a number"},
      {"https://[::1", "unterminated"},
      {"https://[::1]x", "junk"},
      {"https://[zz]", "IPv6"},
      {"https://ku be", "not allowed"},
      {"https://kube/?a=b", "query"},
      {"https://kube#x", "query or fragment"},
  };
  for (const auto& c : cases) {
    auto url = ParseServerUrl(c.url);
    ASSERT_FALSE(url.ok()) << c.url;
    EXPECT_EQ(url.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(url.status().message(), HasSubstr(c.message)) << c.url;
  }
}

}  // namespace
}  // namespace navigator::client
