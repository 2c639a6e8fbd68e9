#include "tests/support/kube_apiserver.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>

#include "navigator/http/testing/test_pki.h"
#include "navigator/http/testing/tls_client.h"
#include "tests/support/child_process.h"

namespace navigator::test_support {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;
using http::testing::CertificateOptions;
using http::testing::TestCertificate;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Status WriteFile(const std::string& path, const std::string& contents) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Internal(fmt::format("open {}: {}", path, std::strerror(errno)));
  const ssize_t written = write(fd, contents.data(), contents.size());
  close(fd);
  if (written != static_cast<ssize_t>(contents.size())) {
    return Internal(fmt::format("writing {} failed", path));
  }
  return OkStatus();
}

CertificateOptions Leaf(std::string common_name, std::vector<std::string> organizations,
                        std::string extended_key_usage, std::string subject_alt_names = "") {
  CertificateOptions options;
  options.common_name = std::move(common_name);
  options.organizations = std::move(organizations);
  options.extended_key_usage = std::move(extended_key_usage);
  options.subject_alt_names = std::move(subject_alt_names);
  return options;
}

// Writes cert and key to <dir>/<name>.crt and .key; returns both paths.
Result<std::pair<std::string, std::string>> WritePair(const std::string& dir,
                                                      const std::string& name,
                                                      const TestCertificate& cert) {
  std::string cert_path = fmt::format("{}/{}.crt", dir, name);
  std::string key_path = fmt::format("{}/{}.key", dir, name);
  NAVIGATOR_RETURN_IF_ERROR(WriteFile(cert_path, cert.cert_pem));
  NAVIGATOR_RETURN_IF_ERROR(WriteFile(key_path, cert.key_pem));
  return std::make_pair(std::move(cert_path), std::move(key_path));
}

// The PEM public key ("PUBLIC KEY") of a PEM private key.
Result<std::string> PublicKeyPem(const std::string& private_key_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> in(
      BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  if (!key || !out || PEM_write_bio_PUBKEY(out.get(), key.get()) != 1) {
    return Internal("kube-apiserver fixture: cannot derive the service-account public key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

Result<std::unique_ptr<KubeApiServer>> KubeApiServer::Create() {
  NAVIGATOR_ASSIGN_OR_RETURN(std::string binary, TestBinary("kube-apiserver"));
  std::unique_ptr<KubeApiServer> server(new KubeApiServer());
  server->binary_ = std::move(binary);
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/navigator-kube-apiserver-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return Internal(fmt::format("mkdtemp {}: {}", pattern, std::strerror(errno)));
  }
  server->dir_ = pattern;  // from here on the destructor removes it
  NAVIGATOR_RETURN_IF_ERROR(server->WritePki());
  NAVIGATOR_ASSIGN_OR_RETURN(server->etcd_, EtcdServer::Start());

  Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    NAVIGATOR_ASSIGN_OR_RETURN(server->port_, PickFreePort());
    server->admin_config_.server = server->url();
    last = server->Launch();
    if (last.ok()) last = server->WaitReady(180s);
    if (last.ok()) return server;
    const bool port_taken =
        server->LogTail(100000).find("address already in use") != std::string::npos;
    (void)server->Stop();
    if (!port_taken) break;
  }
  return last;
}

KubeApiServer::~KubeApiServer() {
  (void)Stop();
  etcd_.reset();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

std::string KubeApiServer::url() const {
  return fmt::format("https://127.0.0.1:{}", port_);
}

Status KubeApiServer::WritePki() {
  const std::string dir = dir_ + "/pki";
  std::filesystem::create_directories(dir);
  auto ca = [&](const std::string& name, const std::string& cn, std::string& cert_file,
                std::string& key_file) -> Result<TestCertificate> {
    NAVIGATOR_ASSIGN_OR_RETURN(TestCertificate cert,
                               http::testing::SelfSign(http::testing::CaOptions(cn)));
    NAVIGATOR_ASSIGN_OR_RETURN(auto paths, WritePair(dir, name, cert));
    cert_file = paths.first;
    key_file = paths.second;
    return cert;
  };
  std::string serving_ca_key;
  NAVIGATOR_ASSIGN_OR_RETURN(
      TestCertificate serving_ca,
      ca("serving-ca", "navigator-test-serving-ca", pki_.serving_ca_file, serving_ca_key));
  NAVIGATOR_ASSIGN_OR_RETURN(
      TestCertificate client_ca,
      ca("client-ca", "navigator-test-client-ca", pki_.client_ca_file, pki_.client_ca_key_file));
  NAVIGATOR_ASSIGN_OR_RETURN(TestCertificate front_proxy_ca,
                             ca("front-proxy-ca", "navigator-test-front-proxy-ca",
                                pki_.front_proxy_ca_file, pki_.front_proxy_ca_key_file));

  NAVIGATOR_ASSIGN_OR_RETURN(
      TestCertificate serving,
      http::testing::Issue(Leaf("kube-apiserver", {}, "serverAuth", "IP:127.0.0.1,DNS:localhost"),
                           serving_ca));
  NAVIGATOR_ASSIGN_OR_RETURN(auto serving_paths, WritePair(dir, "kube-apiserver", serving));
  std::tie(pki_.serving_cert_file, pki_.serving_key_file) = serving_paths;

  NAVIGATOR_ASSIGN_OR_RETURN(
      TestCertificate front_proxy_client,
      http::testing::Issue(Leaf("front-proxy-client", {}, "clientAuth"), front_proxy_ca));
  NAVIGATOR_ASSIGN_OR_RETURN(auto proxy_paths,
                             WritePair(dir, "front-proxy-client", front_proxy_client));
  std::tie(pki_.front_proxy_client_cert_file, pki_.front_proxy_client_key_file) = proxy_paths;

  NAVIGATOR_ASSIGN_OR_RETURN(TestCertificate service_account,
                             http::testing::SelfSign(Leaf("service-account-signer", {}, "")));
  pki_.service_account_key_file = dir + "/service-account.key";
  NAVIGATOR_RETURN_IF_ERROR(WriteFile(pki_.service_account_key_file, service_account.key_pem));
  pki_.service_account_public_key_file = dir + "/service-account.pub";
  NAVIGATOR_ASSIGN_OR_RETURN(std::string public_key, PublicKeyPem(service_account.key_pem));
  NAVIGATOR_RETURN_IF_ERROR(WriteFile(pki_.service_account_public_key_file, public_key));

  NAVIGATOR_ASSIGN_OR_RETURN(ClientCertificate admin,
                             MakeClientCertificate("navigator-test-admin", {"system:masters"}));
  admin_config_.certificate_authority_pem = serving_ca.cert_pem;
  admin_config_.client_certificate_pem = admin.cert_pem;
  admin_config_.client_key_pem = admin.key_pem;
  admin_config_.user_agent = "navigator-test";
  NAVIGATOR_ASSIGN_OR_RETURN(
      auto admin_paths, WritePair(dir, "admin", TestCertificate{admin.cert_pem, admin.key_pem}));
  (void)admin_paths;
  return OkStatus();
}

Result<ClientCertificate> KubeApiServer::MakeClientCertificate(
    const std::string& user, const std::vector<std::string>& groups) const {
  TestCertificate client_ca{ReadFile(pki_.client_ca_file), ReadFile(pki_.client_ca_key_file)};
  if (client_ca.cert_pem.empty() || client_ca.key_pem.empty()) {
    return Internal("kube-apiserver fixture: the client CA files are missing");
  }
  NAVIGATOR_ASSIGN_OR_RETURN(TestCertificate cert,
                             http::testing::Issue(Leaf(user, groups, "clientAuth"), client_ca));
  return ClientCertificate{std::move(cert.cert_pem), std::move(cert.key_pem)};
}

Result<client::RestConfig> KubeApiServer::ConfigFor(const std::string& user,
                                                    const std::vector<std::string>& groups) const {
  NAVIGATOR_ASSIGN_OR_RETURN(ClientCertificate cert, MakeClientCertificate(user, groups));
  client::RestConfig config = admin_config_;
  config.client_certificate_pem = std::move(cert.cert_pem);
  config.client_key_pem = std::move(cert.key_pem);
  return config;
}

Status KubeApiServer::Launch() {
  std::vector<std::string> args = {
      binary_,
      "--etcd-servers=" + etcd_->endpoint(),
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      fmt::format("--secure-port={}", port_),
      "--cert-dir=" + dir_ + "/cert-dir",
      "--tls-cert-file=" + pki_.serving_cert_file,
      "--tls-private-key-file=" + pki_.serving_key_file,
      "--client-ca-file=" + pki_.client_ca_file,
      "--requestheader-client-ca-file=" + pki_.front_proxy_ca_file,
      "--requestheader-allowed-names=front-proxy-client",
      "--requestheader-username-headers=X-Remote-User",
      "--requestheader-group-headers=X-Remote-Group",
      "--requestheader-extra-headers-prefix=X-Remote-Extra-",
      "--proxy-client-cert-file=" + pki_.front_proxy_client_cert_file,
      "--proxy-client-key-file=" + pki_.front_proxy_client_key_file,
      "--enable-aggregator-routing=false",
      "--service-account-issuer=https://kubernetes.default.svc",
      "--service-account-key-file=" + pki_.service_account_public_key_file,
      "--service-account-signing-key-file=" + pki_.service_account_key_file,
      "--service-cluster-ip-range=10.0.0.0/24",
      "--authorization-mode=Node,RBAC",
      "--allow-privileged=true",
      "--endpoint-reconciler-type=none",
  };
  NAVIGATOR_ASSIGN_OR_RETURN(pid_, SpawnLogged(std::move(args), dir_ + "/kube-apiserver.log"));
  return OkStatus();
}

Status KubeApiServer::WaitReady(std::chrono::seconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  http::testing::TlsClientOptions options{
      .ca_file = pki_.serving_ca_file,
      .verify_host = "127.0.0.1",
      .client_cert_file = dir_ + "/pki/admin.crt",
      .client_key_file = dir_ + "/pki/admin.key",
      .timeout = 5s,
  };
  std::string last = "not reachable yet";
  while (SteadyClock::now() < deadline) {
    int wstatus = 0;
    if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      return Internal(fmt::format("kube-apiserver exited during start-up (status {}); its log:\n{}",
                                  wstatus, LogTail()));
    }
    auto client =
        http::testing::TlsClient::Connect("127.0.0.1", static_cast<uint16_t>(port_), options);
    if (client.ok()) {
      auto response = (*client)->Do("GET", "/readyz");
      if (response.ok() && response->status == 200) return OkStatus();
      last = response.ok() ? fmt::format("/readyz answered {}: {}", response->status,
                                         response->body.substr(0, 2000))
                           : response.status().ToString();
    } else {
      last = client.status().ToString();
    }
    std::this_thread::sleep_for(200ms);
  }
  return Timeout(fmt::format("kube-apiserver at {} was not ready within {}s ({}); its log:\n{}",
                             url(), timeout.count(), last, LogTail()));
}

Status KubeApiServer::Stop() {
  if (pid_ <= 0) return OkStatus();
  TerminateChild(pid_, std::chrono::seconds(30));
  pid_ = -1;
  return OkStatus();
}

Status KubeApiServer::Start() {
  NAVIGATOR_RETURN_IF_ERROR(Stop());
  Status last;
  // The port was just released; retry briefly if it is still held.
  for (int attempt = 0; attempt < 10; ++attempt) {
    last = Launch();
    if (last.ok()) last = WaitReady(180s);
    if (last.ok()) return last;
    (void)Stop();
    if (LogTail(100000).find("address already in use") == std::string::npos) break;
    std::this_thread::sleep_for(500ms);
  }
  return last;
}

std::string KubeApiServer::LogTail(size_t bytes) const {
  std::string text = ReadFile(dir_ + "/kube-apiserver.log");
  return text.size() > bytes ? "..." + text.substr(text.size() - bytes) : text;
}

}  // namespace navigator::test_support
