// navigator-apiserver's delegated authentication, authorization and
// NamespaceLifecycle admission against a real kube-apiserver
// (tests/support/kube_apiserver.h): RBAC decides through SubjectAccessReview,
// tokens go through TokenReview, client and front-proxy CAs come from the
// kube-system/extension-apiserver-authentication ConfigMap, and nothing is
// let through when kube-apiserver is down. Requests go straight to
// navigator-apiserver's port (the aggregator path is tests/e2e).

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "navigator/apiserver/apiserver.h"
#include "navigator/base/random.h"
#include "navigator/client/base64.h"
#include "navigator/client/rest_client.h"
#include "navigator/http/testing/test_pki.h"
#include "navigator/http/testing/tls_client.h"
#include "tests/support/kube_apiserver.h"

namespace navigator {
namespace {

using http::testing::ClientResponse;
using http::testing::TlsClient;
using http::testing::TlsClientOptions;

constexpr char kNavigatorUser[] = "system:navigator-apiserver";
constexpr char kEscTeamA[] =
    "/apis/navigator.jetstack.io/v1alpha1/namespaces/team-a/elasticsearchclusters";
constexpr char kEscTeamB[] =
    "/apis/navigator.jetstack.io/v1alpha1/namespaces/team-b/elasticsearchclusters";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string PilotJson(const std::string& name) {
  return boost::json::serialize(
      boost::json::object{{"apiVersion", "navigator.jetstack.io/v1alpha1"},
                          {"kind", "Pilot"},
                          {"metadata", boost::json::object{{"name", name}}}});
}

std::string Message(const ClientResponse& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object() || !v.as_object().contains("message")) return r.body;
  return std::string(v.at("message").as_string());
}

// One kube-apiserver and one navigator-apiserver for the whole suite: both
// take seconds to start.
class DelegationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() /
           ("navigator-delegation-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    auto kube = test_support::KubeApiServer::Create();
    ASSERT_TRUE(kube.ok()) << kube.status().ToString();
    kube_ = std::move(*kube).release();
    auto admin = client::NewRestClient(kube_->admin_config());
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_ = std::move(*admin).release();
    GrantNavigatorItsRoles();
    for (const char* ns : {"team-a", "team-b", "dying"}) {
      Apply("/api/v1/namespaces",
            boost::json::object{{"apiVersion", "v1"},
                                {"kind", "Namespace"},
                                {"metadata", boost::json::object{{"name", ns}}}});
    }
    // alice may read ElasticsearchClusters in team-a, and nothing else.
    Apply("/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/roles",
          boost::json::parse(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role",
            "metadata":{"name":"esc-reader"},
            "rules":[{"apiGroups":["navigator.jetstack.io"],
                      "resources":["elasticsearchclusters"],
                      "verbs":["get","list","watch"]}]})")
              .as_object());
    Apply("/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings",
          boost::json::parse(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
            "metadata":{"name":"alice-esc-reader"},
            "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"esc-reader"},
            "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice"}]})")
              .as_object());
    // A namespace kube-apiserver keeps in Terminating: no namespace controller
    // runs here to finish its deletion.
    auto deleted = admin_->Do({.method = "DELETE", .path = "/api/v1/namespaces/dying"});
    ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();

    StartNavigator();
    alice_ = WriteClientCertificate("alice", {});
    admin_cert_ = WriteClientCertificate("admin", {"system:masters"});
  }

  static void TearDownTestSuite() {
    delete navigator_;
    delete admin_;
    delete kube_;
    std::filesystem::remove_all(dir_);
  }

  static void Apply(const std::string& collection, const boost::json::object& object) {
    auto r =
        admin_->Do({.method = "POST", .path = collection, .body = boost::json::serialize(object)});
    ASSERT_TRUE(r.ok()) << collection << ": " << r.status().ToString();
  }

  // The roles the Helm chart and hack/local-up.sh give navigator-apiserver.
  static void GrantNavigatorItsRoles() {
    const std::string subject =
        fmt::format(R"([{{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"{}"}}])",
                    kNavigatorUser);
    Apply("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
          boost::json::parse(fmt::format(
                                 R"({{"apiVersion":"rbac.authorization.k8s.io/v1",
              "kind":"ClusterRoleBinding","metadata":{{"name":"navigator:auth-delegator"}},
              "roleRef":{{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",
                          "name":"system:auth-delegator"}},"subjects":{}}})",
                                 subject))
              .as_object());
    Apply("/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/rolebindings",
          boost::json::parse(fmt::format(
                                 R"({{"apiVersion":"rbac.authorization.k8s.io/v1",
              "kind":"RoleBinding","metadata":{{"name":"navigator:authentication-reader"}},
              "roleRef":{{"apiGroup":"rbac.authorization.k8s.io","kind":"Role",
                          "name":"extension-apiserver-authentication-reader"}},"subjects":{}}})",
                                 subject))
              .as_object());
    Apply("/apis/rbac.authorization.k8s.io/v1/clusterroles",
          boost::json::parse(R"({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
            "metadata":{"name":"navigator:namespace-reader"},
            "rules":[{"apiGroups":[""],"resources":["namespaces"],
                      "verbs":["get","list","watch"]}]})")
              .as_object());
    Apply("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
          boost::json::parse(fmt::format(
                                 R"({{"apiVersion":"rbac.authorization.k8s.io/v1",
              "kind":"ClusterRoleBinding","metadata":{{"name":"navigator:namespace-reader"}},
              "roleRef":{{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",
                          "name":"navigator:namespace-reader"}},"subjects":{}}})",
                                 subject))
              .as_object());
  }

  // A kubeconfig for navigator-apiserver's own identity, data inline.
  static std::string WriteNavigatorKubeconfig() {
    auto config = kube_->ConfigFor(kNavigatorUser, {});
    EXPECT_TRUE(config.ok()) << config.status().ToString();
    const std::string path = (dir_ / "navigator.kubeconfig").string();
    std::ofstream(path) << fmt::format(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n"
        "clusters:\n- name: k\n  cluster:\n    server: {}\n"
        "    certificate-authority-data: {}\n"
        "users:\n- name: u\n  user:\n    client-certificate-data: {}\n"
        "    client-key-data: {}\n"
        "contexts:\n- name: c\n  context:\n    cluster: k\n    user: u\n",
        config->server, client::Base64Encode(config->certificate_authority_pem),
        client::Base64Encode(config->client_certificate_pem),
        client::Base64Encode(config->client_key_pem));
    return path;
  }

  static void StartNavigator() {
    apiserver::Options options;
    options.etcd_servers = {kube_->etcd().endpoint()};
    options.etcd_prefix = "/navigator";
    options.bind_address = "127.0.0.1";
    options.secure_port = 0;
    options.cert_dir = (dir_ / "navigator-certs").string();
    options.etcd_compaction_interval_seconds = 0;
    options.delegation.kubeconfig = WriteNavigatorKubeconfig();
    navigator_ = new apiserver::ApiServer(options, SystemClock::Instance(), random_);
    Status s = navigator_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << kube_->LogTail();
  }

  struct CertFiles {
    std::string cert;
    std::string key;
  };
  static CertFiles WriteClientCertificate(const std::string& user,
                                          const std::vector<std::string>& groups) {
    auto cert = kube_->MakeClientCertificate(user, groups);
    EXPECT_TRUE(cert.ok()) << cert.status().ToString();
    return WriteCertificate(user, cert->cert_pem, cert->key_pem);
  }
  static CertFiles WriteCertificate(const std::string& name, const std::string& cert_pem,
                                    const std::string& key_pem) {
    CertFiles files{(dir_ / (name + ".crt")).string(), (dir_ / (name + ".key")).string()};
    std::ofstream(files.cert) << cert_pem;
    std::ofstream(files.key) << key_pem;
    return files;
  }

  // One request to navigator-apiserver's own port.
  static ClientResponse Send(const std::string& method, const std::string& target,
                             const CertFiles* cert = nullptr, http::NameValues headers = {},
                             std::string body = {}) {
    TlsClientOptions options{.ca_file = (dir_ / "navigator-certs" / "apiserver.crt").string(),
                             .verify_host = "127.0.0.1"};
    if (cert != nullptr) {
      options.client_cert_file = cert->cert;
      options.client_key_file = cert->key;
    }
    auto c = TlsClient::Connect("127.0.0.1", navigator_->port(), options);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) return {};
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    auto r = (*c)->Do(method, target, std::move(body), headers);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ClientResponse{};
  }

  static inline std::filesystem::path dir_;
  static inline test_support::KubeApiServer* kube_ = nullptr;
  static inline client::RestClient* admin_ = nullptr;
  static inline apiserver::ApiServer* navigator_ = nullptr;
  static inline DefaultRandom random_{7};
  static inline CertFiles alice_;
  static inline CertFiles admin_cert_;
};

TEST_F(DelegationTest, RbacDecidesForAClientCertificateUser) {
  ClientResponse list_a = Send("GET", kEscTeamA, &alice_);
  EXPECT_EQ(list_a.status, 200) << list_a.body;

  ClientResponse create_a =
      Send("POST", kEscTeamA, &alice_, {},
           ReadFile(std::string(NAVIGATOR_SOURCE_DIR) + "/src/navigator/api/navigator/testdata/"
                                                        "es-cluster-demo.request.json"));
  EXPECT_EQ(create_a.status, 403) << create_a.body;
  EXPECT_EQ(Message(create_a),
            "elasticsearchclusters.navigator.jetstack.io is forbidden: User \"alice\" cannot "
            "create resource \"elasticsearchclusters\" in API group \"navigator.jetstack.io\" in "
            "the namespace \"team-a\"");

  ClientResponse list_b = Send("GET", kEscTeamB, &alice_);
  EXPECT_EQ(list_b.status, 403) << list_b.body;
  EXPECT_NE(Message(list_b).find("User \"alice\" cannot list resource"), std::string::npos)
      << list_b.body;
}

TEST_F(DelegationTest, FrontProxyHeadersAreTrustedOnlyWithItsCertificate) {
  const http::NameValues as_alice = {{"X-Remote-User", "alice"}};
  const http::NameValues as_admin = {{"X-Remote-User", "admin"},
                                     {"X-Remote-Group", "system:masters"}};
  CertFiles proxy{kube_->pki().front_proxy_client_cert_file,
                  kube_->pki().front_proxy_client_key_file};
  EXPECT_EQ(Send("GET", kEscTeamA, &proxy, as_alice).status, 200);
  EXPECT_EQ(Send("GET", kEscTeamB, &proxy, as_alice).status, 403);
  EXPECT_EQ(Send("GET", kEscTeamB, &proxy, as_admin).status, 200);

  // Forged: no certificate at all -> anonymous, which RBAC refuses.
  ClientResponse forged = Send("GET", kEscTeamB, nullptr, as_admin);
  EXPECT_EQ(forged.status, 403) << forged.body;
  EXPECT_NE(Message(forged).find("User \"system:anonymous\""), std::string::npos) << forged.body;
  // Forged over a client certificate that is not the front proxy's -> that
  // certificate's user, not the headers'.
  ClientResponse as_cert = Send("GET", kEscTeamB, &alice_, as_admin);
  EXPECT_EQ(as_cert.status, 403) << as_cert.body;
  EXPECT_NE(Message(as_cert).find("User \"alice\""), std::string::npos) << as_cert.body;
}

TEST_F(DelegationTest, BadCertificatesAre401) {
  auto client_ca = http::testing::TestCertificate{ReadFile(kube_->pki().client_ca_file),
                                                  ReadFile(kube_->pki().client_ca_key_file), ""};
  auto expired_options = http::testing::CertificateOptions{.common_name = "alice"};
  expired_options.not_before = std::chrono::system_clock::now() - std::chrono::hours(48);
  expired_options.not_after = std::chrono::system_clock::now() - std::chrono::hours(24);
  auto expired = http::testing::Issue(expired_options, client_ca);
  ASSERT_TRUE(expired.ok()) << expired.status().ToString();

  auto other_ca = http::testing::SelfSign(http::testing::CaOptions("another CA"));
  ASSERT_TRUE(other_ca.ok());
  auto foreign = http::testing::Issue({.common_name = "alice"}, *other_ca);
  ASSERT_TRUE(foreign.ok());
  auto self_signed = http::testing::SelfSign({.common_name = "alice"});
  ASSERT_TRUE(self_signed.ok());

  struct Row {
    const char* what;
    CertFiles files;
  };
  const Row rows[] = {
      {"expired", WriteCertificate("expired", expired->cert_pem, expired->key_pem)},
      {"unknown CA", WriteCertificate("foreign", foreign->cert_pem, foreign->key_pem)},
      {"self-signed", WriteCertificate("self", self_signed->cert_pem, self_signed->key_pem)},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    ClientResponse r = Send("GET", kEscTeamA, &row.files);
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(Message(r), "Unauthorized");
  }
}

TEST_F(DelegationTest, BearerTokensGoThroughTokenReview) {
  ClientResponse garbage =
      Send("GET", kEscTeamA, nullptr, {{"Authorization", "Bearer not-a-real-token"}});
  EXPECT_EQ(garbage.status, 401) << garbage.body;

  Apply("/api/v1/namespaces/team-a/serviceaccounts",
        boost::json::object{{"apiVersion", "v1"},
                            {"kind", "ServiceAccount"},
                            {"metadata", boost::json::object{{"name", "robot"}}}});
  auto token = admin_->Do({.method = "POST",
                           .path = "/api/v1/namespaces/team-a/serviceaccounts/robot/token",
                           .body = R"({"apiVersion":"authentication.k8s.io/v1",
                                       "kind":"TokenRequest","spec":{}})"});
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  std::string bearer(boost::json::parse(*token).at("status").at("token").as_string());
  ClientResponse robot = Send("GET", kEscTeamA, nullptr, {{"Authorization", "Bearer " + bearer}});
  // Authenticated (TokenReview), then refused by RBAC as that service account.
  EXPECT_EQ(robot.status, 403) << robot.body;
  EXPECT_NE(Message(robot).find("User \"system:serviceaccount:team-a:robot\""), std::string::npos)
      << robot.body;
}

TEST_F(DelegationTest, AlwaysAllowPathsAndNonResourceAuthorization) {
  EXPECT_EQ(Send("GET", "/healthz").status, 200);
  EXPECT_EQ(Send("GET", "/readyz").status, 200);
  ClientResponse metrics = Send("GET", "/metrics");
  EXPECT_EQ(metrics.status, 403) << metrics.body;
  EXPECT_EQ(Send("GET", "/metrics", &admin_cert_).status, 200);
}

TEST_F(DelegationTest, NamespaceLifecycle) {
  const std::string pilots = "/apis/navigator.jetstack.io/v1alpha1/namespaces/{}/pilots";
  ClientResponse missing =
      Send("POST", fmt::format(fmt::runtime(pilots), "nowhere"), &admin_cert_, {}, PilotJson("p1"));
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(Message(missing), "namespaces \"nowhere\" not found");

  ClientResponse terminating =
      Send("POST", fmt::format(fmt::runtime(pilots), "dying"), &admin_cert_, {}, PilotJson("p1"));
  EXPECT_EQ(terminating.status, 403) << terminating.body;
  EXPECT_EQ(Message(terminating),
            "pilots.navigator.jetstack.io \"p1\" is forbidden: unable to create new content in "
            "namespace dying because it is being terminated");

  // A namespace made a moment ago is found by the live lookup.
  Apply("/api/v1/namespaces",
        boost::json::object{{"apiVersion", "v1"},
                            {"kind", "Namespace"},
                            {"metadata", boost::json::object{{"name", "fresh"}}}});
  ClientResponse fresh =
      Send("POST", fmt::format(fmt::runtime(pilots), "fresh"), &admin_cert_, {}, PilotJson("p1"));
  EXPECT_EQ(fresh.status, 201) << fresh.body;
}

// Runs last (gtest keeps declaration order): stops and restarts kube-apiserver.
TEST_F(DelegationTest, ZzFailsClosedWhileKubeApiserverIsDown) {
  CertFiles carol = WriteClientCertificate("carol", {});
  ASSERT_TRUE(kube_->Stop().ok());

  ClientResponse token =
      Send("GET", kEscTeamA, nullptr, {{"Authorization", "Bearer fresh-token-never-seen"}});
  EXPECT_EQ(token.status, 401) << token.body;

  // Authenticated from the cached client CA; authorization cannot be asked.
  ClientResponse uncached = Send("GET", kEscTeamA, &carol);
  EXPECT_EQ(uncached.status, 503) << uncached.body;
  EXPECT_NE(Message(uncached).find("authorization is unavailable"), std::string::npos)
      << uncached.body;

  // system:masters needs no review, but the namespace cannot be checked.
  ClientResponse write = Send("POST",
                              "/apis/navigator.jetstack.io/v1alpha1/namespaces/"
                              "never-seen/pilots",
                              &admin_cert_, {}, PilotJson("p1"));
  EXPECT_EQ(write.status, 503) << write.body;

  ASSERT_TRUE(kube_->Start().ok()) << kube_->LogTail();
  // Nothing from the outage was cached: carol is now simply refused by RBAC.
  ClientResponse after = Send("GET", kEscTeamA, &carol);
  EXPECT_EQ(after.status, 403) << after.body;
}

}  // namespace
}  // namespace navigator
