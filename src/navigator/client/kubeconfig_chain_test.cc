#include "navigator/client/kubeconfig_chain.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace navigator::client {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// "first": current-context a; cluster c1, user u1, contexts a and shared.
constexpr std::string_view kFirst = R"(
current-context: a
clusters:
- name: c1
  cluster: {server: "https://first:6443", certificate-authority: ca.pem}
- name: shared
  cluster: {server: "https://shared-first:6443"}
users:
- name: u1
  user: {token: first-token}
- name: shared-user
  user: {tokenFile: token}
contexts:
- name: a
  context: {cluster: c1, user: u1, namespace: ns-a}
- name: shared
  context: {cluster: shared, user: shared-user}
)";

// "second": current-context b (ignored: the first file sets one); redefines
// "shared" things (ignored) and adds context b.
constexpr std::string_view kSecond = R"(
current-context: b
clusters:
- name: shared
  cluster: {server: "https://shared-second:6443", insecure-skip-tls-verify: true}
- name: c2
  cluster: {server: "https://second:6443"}
users:
- name: shared-user
  user: {token: second-token}
- name: u2
  user: {client-certificate: certs/u2.crt, client-key: certs/u2.key}
contexts:
- name: b
  context: {cluster: c2, user: u2}
- name: shared
  context: {cluster: c2, user: u2}
)";

class KubeconfigChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(::testing::TempDir()) / "kubeconfig_chain_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ / "one");
    fs::create_directories(dir_ / "two" / "certs");
    Write("one/config", kFirst);
    Write("one/ca.pem", "CA-PEM");
    Write("one/token", "file-token");
    Write("two/config", kSecond);
    Write("two/certs/u2.crt", "CERT");
    Write("two/certs/u2.key", "KEY");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, std::string_view text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

TEST(KubeconfigPathsTest, SplitsKubeconfigOrFallsBackToHome) {
  EXPECT_THAT(KubeconfigPaths("/a:/b::/a:/c", "/root"), ElementsAre("/a", "/b", "/c"));
  EXPECT_THAT(KubeconfigPaths("", "/home/me"), ElementsAre("/home/me/.kube/config"));
  EXPECT_THAT(KubeconfigPaths(":", "/home/me"), ElementsAre());
  EXPECT_THAT(KubeconfigPaths("", ""), ElementsAre());
}

TEST(KubeconfigPathsTest, DefaultReadsTheEnvironment) {
  ASSERT_EQ(setenv("KUBECONFIG", "/x/one:/x/two", 1), 0);
  EXPECT_THAT(DefaultKubeconfigPaths(), ElementsAre("/x/one", "/x/two"));
  ASSERT_EQ(unsetenv("KUBECONFIG"), 0);
  ASSERT_EQ(setenv("HOME", "/home/someone", 1), 0);
  EXPECT_THAT(DefaultKubeconfigPaths(), ElementsAre("/home/someone/.kube/config"));
}

TEST_F(KubeconfigChainTest, FirstFileWinsPerName) {
  Result<RestConfig> config = LoadKubeconfigChain({Path("one/config"), Path("two/config")});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://first:6443");  // current-context a from the first file
  EXPECT_EQ(config->namespace_, "ns-a");
  EXPECT_EQ(config->bearer_token, "first-token");
  EXPECT_EQ(config->certificate_authority_pem, "CA-PEM");  // relative to one/

  // "shared" is defined in both: the whole first entry is used.
  config = LoadKubeconfigChain({Path("one/config"), Path("two/config")}, "shared");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://shared-first:6443");
  EXPECT_FALSE(config->insecure_skip_tls_verify);
  EXPECT_EQ(config->bearer_token, "");
  EXPECT_EQ(config->bearer_token_file, Path("one/token"));

  // A context only the second file has, with paths relative to two/.
  config = LoadKubeconfigChain({Path("one/config"), Path("two/config")}, "b");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://second:6443");
  EXPECT_EQ(config->client_certificate_pem, "CERT");
  EXPECT_EQ(config->client_key_pem, "KEY");
}

TEST_F(KubeconfigChainTest, OrderDecides) {
  Result<RestConfig> config = LoadKubeconfigChain({Path("two/config"), Path("one/config")});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://second:6443");  // current-context b now
  config = LoadKubeconfigChain({Path("two/config"), Path("one/config")}, "shared");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://second:6443");
}

TEST_F(KubeconfigChainTest, CurrentContextFromTheFirstFileThatSetsIt) {
  const std::string none = Write("none", "clusters: []\n");
  Result<RestConfig> config = LoadKubeconfigChain({none, Path("two/config"), Path("one/config")});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://second:6443");
}

TEST_F(KubeconfigChainTest, MissingFilesAreSkippedUnlessAllAre) {
  Result<RestConfig> config =
      LoadKubeconfigChain({Path("nope"), Path("one/config"), Path("nope2")});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://first:6443");

  config = LoadKubeconfigChain({Path("nope"), Path("nope2")});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(config.status().message(), HasSubstr(Path("nope")));
  EXPECT_THAT(config.status().message(), HasSubstr(Path("nope2")));
  EXPECT_THAT(config.status().message(), HasSubstr("do not exist"));

  config = LoadKubeconfigChain({});
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("no file given"));
}

TEST_F(KubeconfigChainTest, MasterOverridesTheServer) {
  Result<RestConfig> config = LoadKubeconfigChain({Path("one/config")}, "", "https://override:443");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://override:443");
  EXPECT_EQ(config->bearer_token, "first-token");  // the rest of the context stays
  // No file at all: the master alone.
  config = LoadKubeconfigChain({Path("nope")}, "", "https://override:443");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://override:443");
  EXPECT_TRUE(config->bearer_token.empty());
}

TEST_F(KubeconfigChainTest, ErrorsNameTheFile) {
  const std::string bad = Write("bad", "clusters: [oops\n");
  Result<RestConfig> config = LoadKubeconfigChain({Path("one/config"), bad});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(config.status().message(), HasSubstr("kubeconfig " + bad + ": malformed YAML"));

  const std::string list = Write("list", "- a\n- b\n");
  config = LoadKubeconfigChain({list});
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(),
              HasSubstr("kubeconfig " + list + ": expected a mapping at the top level"));

  const std::string dup = Write("dup", R"(
users:
- {name: x, user: {token: a}}
- {name: x, user: {token: b}}
)");
  config = LoadKubeconfigChain({Path("one/config"), dup});
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr(dup + ": users[1]: duplicate name \"x\""));

  // Not found in the merged files: all of them are named.
  config = LoadKubeconfigChain({Path("one/config"), Path("two/config")}, "missing");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(),
              HasSubstr(Path("one/config") + ", " + Path("two/config") + ": context"));
  EXPECT_THAT(config.status().message(), HasSubstr("\"missing\" not found"));

  // A directory and an unreadable file are errors, not "missing".
  config = LoadKubeconfigChain({Path("one")});
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr(Path("one") + ": is a directory"));
}

TEST_F(KubeconfigChainTest, MergeOfTextsNeedsNoFiles) {
  Result<RestConfig> config = MergeKubeconfigs(
      {{.path = "/nowhere/a", .yaml = ""}, {.path = "/nowhere/b", .yaml = std::string(kSecond)}},
      "b");
  ASSERT_FALSE(config.ok());  // u2's certificate files are not there
  EXPECT_THAT(config.status().message(), HasSubstr("/nowhere/certs/u2.crt"));
  config = MergeKubeconfigs({{.path = "/nowhere/b", .yaml = std::string(kSecond)}}, "shared",
                            "https://m:1");
  ASSERT_FALSE(config.ok());
  config = MergeKubeconfigs({{.path = "/nowhere/b",
                              .yaml = "current-context: x\ncontexts: [{name: x, context: "
                                      "{cluster: k}}]\nclusters: [{name: k, cluster: {server: "
                                      "'https://k:1'}}]\n"}});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://k:1");
}

}  // namespace
}  // namespace navigator::client
