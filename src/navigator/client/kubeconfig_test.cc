#include "navigator/client/kubeconfig.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "navigator/client/base64.h"

namespace navigator::client {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr std::string_view kFull = R"(
apiVersion: v1
kind: Config
current-context: admin
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: Q0EtUEVN
    tls-server-name: kubernetes
- name: other
  cluster:
    server: https://other:443
    insecure-skip-tls-verify: true
contexts:
- name: admin
  context: {cluster: local, user: admin, namespace: team-a}
- name: robot
  context:
    cluster: other
    user: robot
- name: anonymous
  context:
    cluster: local
users:
- name: admin
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZ
- name: robot
  user:
    token: secret
    tokenFile: tokens/robot
)";

class KubeconfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::path(::testing::TempDir()) / "kubeconfig_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, std::string_view contents) {
    const fs::path path = fs::path(dir_) / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << contents;
    return path.string();
  }

  std::string dir_;
};

TEST_F(KubeconfigTest, ResolvesCurrentContext) {
  auto config = ParseKubeconfig(kFull, "/k/config", "/k");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://127.0.0.1:6443");
  EXPECT_EQ(config->certificate_authority_pem, "CA-PEM");
  EXPECT_EQ(config->tls_server_name, "kubernetes");
  EXPECT_FALSE(config->insecure_skip_tls_verify);
  EXPECT_EQ(config->client_certificate_pem, "CERT");
  EXPECT_EQ(config->client_key_pem, "KEY");
  EXPECT_EQ(config->bearer_token, "");
  EXPECT_EQ(config->namespace_, "team-a");
}

TEST_F(KubeconfigTest, ResolvesNamedContexts) {
  auto config = ParseKubeconfig(kFull, "/k/config", "/k", "robot");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://other:443");
  EXPECT_TRUE(config->insecure_skip_tls_verify);
  EXPECT_EQ(config->certificate_authority_pem, "");
  EXPECT_EQ(config->bearer_token, "secret");
  EXPECT_EQ(config->bearer_token_file, "/k/tokens/robot");
  EXPECT_EQ(config->namespace_, "");

  config = ParseKubeconfig(kFull, "/k/config", "/k", "anonymous");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->client_certificate_pem, "");
  EXPECT_EQ(config->bearer_token, "");
}

TEST_F(KubeconfigTest, LoadsReferencedFilesRelativeToTheKubeconfig) {
  Write("pki/ca.crt", "CA FILE");
  Write("pki/client.crt", "CERT FILE");
  const std::string key = Write("pki/client.key", "KEY FILE");
  const std::string path = Write("sub/config", R"(
current-context: c
clusters: [{name: k, cluster: {server: "https://[::1]:6443", certificate-authority: ../pki/ca.crt}}]
contexts: [{name: c, context: {cluster: k, user: u}}]
users:
- name: u
  user:
    client-certificate: ../pki/client.crt
    client-key: )" + key + R"(
    tokenFile: /var/run/token
)");
  auto config = LoadKubeconfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->server, "https://[::1]:6443");
  EXPECT_EQ(config->certificate_authority_pem, "CA FILE");
  EXPECT_EQ(config->client_certificate_pem, "CERT FILE");
  EXPECT_EQ(config->client_key_pem, "KEY FILE");
  EXPECT_EQ(config->bearer_token_file, "/var/run/token");
}

TEST_F(KubeconfigTest, LoadErrorsNameTheFile) {
  auto config = LoadKubeconfig(dir_ + "/missing");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(config.status().message(),
            "kubeconfig " + dir_ + "/missing: No such file or directory");

  config = LoadKubeconfig(dir_);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("is a directory"));

  const std::string big = Write("big", std::string(1024 * 1024 + 1, '#'));
  config = LoadKubeconfig(big);
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("over 1024 KiB"));

  const std::string path = Write("config", R"(
current-context: c
clusters: [{name: k, cluster: {server: "https://x", certificate-authority: nope/ca.crt}}]
contexts: [{name: c, context: {cluster: k}}]
)");
  config = LoadKubeconfig(path);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(), "kubeconfig " + path +
                                           ": cluster \"k\".certificate-authority: " + dir_ +
                                           "/nope/ca.crt: No such file or directory");
}

TEST_F(KubeconfigTest, RefusesMalformedKubeconfigs) {
  const std::string kContexts = "contexts: [{name: c, context: {cluster: k, user: u}}]\n";
  const std::string kClusters = "clusters: [{name: k, cluster: {server: https://x}}]\n";
  const std::string kHead = "current-context: c\n" + kContexts + kClusters;
  const struct {
    std::string yaml;
    std::string message;
  } cases[] = {
      {"", "empty document"},
      {"~", "empty document"},
      {"- a\n- b\n", "expected a mapping at the top level"},
      {"just text", "expected a mapping at the top level"},
      {"a: [1, 2", "malformed YAML"},
      {"a: b\n c: d\n", "malformed YAML"},
      {"{a: *nope}", "malformed YAML"},
      {"clusters: []\n", "no context given and no current-context set"},
      {"current-context: [x]\n", "current-context: expected a string"},
      {"current-context: c\n", "context \"c\" not found"},
      {"current-context: c\ncontexts: {c: {}}\n", "contexts: expected a list"},
      {"current-context: c\ncontexts: [x]\n", "contexts[0]: expected a mapping"},
      {"current-context: c\ncontexts: [{context: {}}]\n", "contexts[0]: no name"},
      {"current-context: c\ncontexts: [{name: c, context: [1]}]\n",
       "contexts[0].context: expected a mapping"},
      {"current-context: c\ncontexts: [{name: c}, {name: c}]\n",
       "contexts[1]: duplicate name \"c\""},
      {"current-context: c\ncontexts: [{name: c, context: {user: u}}]\n",
       "context \"c\" names no cluster"},
      {"current-context: c\n" + kContexts, "cluster \"k\" not found"},
      {"current-context: c\n" + kContexts + "clusters: [{name: k, cluster: {}}]\n",
       "cluster \"k\" has no server"},
      {"current-context: c\n" + kContexts + "clusters: [{name: k, cluster: {server: {a: b}}}]\n",
       "cluster \"k\".server: expected a string"},
      {"current-context: c\n" + kContexts +
           "clusters: [{name: k, cluster: {server: https://x, insecure-skip-tls-verify: maybe}}]\n",
       "cluster \"k\".insecure-skip-tls-verify: expected true or false"},
      {"current-context: c\n" + kContexts +
           "clusters: [{name: k, cluster: {server: https://x, insecure-skip-tls-verify: true, "
           "certificate-authority-data: Q0E=}}]\n",
       "insecure-skip-tls-verify and a certificate authority exclude each other"},
      {"current-context: c\n" + kContexts +
           "clusters: [{name: k, cluster: {server: https://x, certificate-authority-data: "
           "Q0E}}]\n",
       "cluster \"k\".certificate-authority-data: not valid base64"},
      {"current-context: c\n" + kContexts +
           "clusters: [{name: k, cluster: {server: https://x, certificate-authority-data: Q0E=, "
           "certificate-authority: /ca}}]\n",
       "both certificate-authority and certificate-authority-data are set"},
      {"current-context: c\n" + kContexts +
           "clusters: [{name: k, cluster: {server: https://x, proxy-url: http://p}}]\n",
       "proxy-url is not supported"},
      {kHead, "user \"u\" not found"},
      {kHead + "users: [{name: u, user: {exec: {command: aws}}}]\n",
       "user \"u\": exec is not supported; use a client certificate or a token (file)"},
      {kHead + "users: [{name: u, user: {auth-provider: {name: gcp}}}]\n",
       "user \"u\": auth-provider is not supported"},
      {kHead + "users: [{name: u, user: {username: a, password: b}}]\n",
       "user \"u\": username is not supported"},
      {kHead + "users: [{name: u, user: {as: someone}}]\n", "user \"u\": as is not supported"},
      {kHead + "users: [{name: u, user: {client-certificate-data: Q0U=}}]\n",
       "a client certificate needs a client key and vice versa"},
      {kHead + "users: [{name: u, user: {client-key-data: Q0U=}}]\n",
       "a client certificate needs a client key and vice versa"},
      {kHead + "users: [{name: u, user: {client-key-data: '!!'}}]\n",
       "user \"u\".client-key-data: not valid base64"},
      {kHead + "users: [{name: u, user: {token: [a]}}]\n", "user \"u\".token: expected a string"},
      {kHead + "users: [{name: u, user: 7}]\n", "users[0].user: expected a mapping"},
  };
  for (const auto& c : cases) {
    auto config = ParseKubeconfig(c.yaml, "/etc/kubeconfig", "/etc");
    ASSERT_FALSE(config.ok()) << c.yaml;
    EXPECT_EQ(config.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(config.status().message(), HasSubstr(c.message)) << c.yaml;
    EXPECT_THAT(config.status().message(), ::testing::StartsWith("kubeconfig /etc/kubeconfig: "));
  }
  auto config = ParseKubeconfig(kFull, "/k/config", "/k", "nope");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().message(), "kubeconfig /k/config: context \"nope\" not found");

  config = ParseKubeconfig(std::string(1024 * 1024 + 1, ' '), "x", "");
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(), HasSubstr("over 1024 KiB"));

  config = ParseKubeconfig(std::string(5000, '[') + std::string(5000, ']'), "x", "");
  ASSERT_FALSE(config.ok());
}

TEST_F(KubeconfigTest, AcceptsRealWorldShapes) {
  // What kubeadm and kind write: base64 PEM wrapped in the YAML, extensions,
  // preferences and unknown fields.
  const std::string ca = Base64Encode("-----BEGIN CERTIFICATE-----\nMIIB\n");
  const std::string yaml = fmt::format(R"(apiVersion: v1
kind: Config
preferences: {{}}
clusters:
- cluster:
    certificate-authority-data: {}
    server: https://kind-control-plane:6443
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {{}}
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
users:
- name: kind-kind
  user:
    token: "abc.def"
    insecure-skip-tls-verify: yes
    exec: null
)",
                                       ca);
  auto config = ParseKubeconfig(yaml, "kind", "");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->certificate_authority_pem, "-----BEGIN CERTIFICATE-----\nMIIB\n");
  EXPECT_EQ(config->bearer_token, "abc.def");
}

}  // namespace
}  // namespace navigator::client
