#pragma once

// KubeApiServer: a real Kubernetes control plane for tests -- an etcd
// (EtcdServer) and a kube-apiserver on 127.0.0.1, set up as
// hack/local-up.sh sets up its own: a throw-away PKI (a serving certificate
// for 127.0.0.1/localhost, a client CA, a front-proxy CA with a front-proxy
// client certificate, a service-account key), the aggregation layer's
// --requestheader-* flags, --authorization-mode=Node,RBAC. The binaries come
// from $NAVIGATOR_TEST_BIN_DIR (hack/build-test-binaries.sh --control-plane).
//
// The process gets SIGKILL if the thread that started it dies, so a crashed
// test leaves nothing behind. Not thread-safe: one thread drives a server
// (clients made from its RestConfigs may be used from any thread).

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"
#include "tests/support/etcd_server.h"

namespace navigator::test_support {

// The PEM files of the control plane's PKI (in the fixture's directory).
struct KubeApiServerPki {
  std::string serving_ca_file;  // CA of kube-apiserver's serving certificate
  std::string serving_cert_file;
  std::string serving_key_file;
  std::string client_ca_file;  // --client-ca-file
  std::string client_ca_key_file;
  std::string front_proxy_ca_file;  // --requestheader-client-ca-file
  std::string front_proxy_ca_key_file;
  std::string front_proxy_client_cert_file;  // CN front-proxy-client
  std::string front_proxy_client_key_file;
  std::string service_account_key_file;  // ECDSA P-256 private key, signs tokens
  std::string service_account_public_key_file;
};

// A client certificate and its key (PEM).
struct ClientCertificate {
  std::string cert_pem;
  std::string key_pem;
};

class KubeApiServer {
 public:
  // Starts etcd and kube-apiserver and waits until /readyz answers ok (up to
  // 180s). Errors say what failed, with the end of kube-apiserver's log.
  static Result<std::unique_ptr<KubeApiServer>> Create();
  // Stops both and removes the directory (PKI, logs).
  ~KubeApiServer();

  KubeApiServer(const KubeApiServer&) = delete;
  KubeApiServer& operator=(const KubeApiServer&) = delete;

  int port() const { return port_; }
  // "https://127.0.0.1:<port>".
  std::string url() const;
  const KubeApiServerPki& pki() const { return pki_; }
  EtcdServer& etcd() { return *etcd_; }
  bool running() const { return pid_ > 0; }

  // A RestConfig for user "navigator-test-admin" in group system:masters
  // (every permission), trusting the serving CA.
  const client::RestConfig& admin_config() const { return admin_config_; }
  // A certificate for `user` in `groups` (subject CN and O), signed by the
  // client CA, valid for a week.
  Result<ClientCertificate> MakeClientCertificate(const std::string& user,
                                                  const std::vector<std::string>& groups) const;
  // A RestConfig authenticating as `user` in `groups` with such a certificate.
  Result<client::RestConfig> ConfigFor(const std::string& user,
                                       const std::vector<std::string>& groups) const;

  // Stops kube-apiserver (SIGTERM, SIGKILL after 30s) and reaps it; etcd
  // keeps running. An outage for clients.
  Status Stop();
  // Starts kube-apiserver again (stopping it first if it runs) on the same
  // port, PKI and etcd; waits for /readyz.
  Status Start();

  // The end of kube-apiserver's log (of its latest start), for failure messages.
  std::string LogTail(size_t bytes = 6000) const;

 private:
  KubeApiServer() = default;
  Status WritePki();
  Status Launch();
  Status WaitReady(std::chrono::seconds timeout);

  std::unique_ptr<EtcdServer> etcd_;
  std::string binary_;
  std::string dir_;
  int port_ = 0;
  KubeApiServerPki pki_;
  client::RestConfig admin_config_;
  pid_t pid_ = -1;
};

}  // namespace navigator::test_support
