// apiserver_loadgen_smoke: a tiny run of every op of the load generator
// against a real etcd and a real navigator-apiserver (standalone:
// AlwaysAllow, no NamespaceLifecycle), and of etcd mode against the same
// etcd. Checks correctness only -- every line present, no errors, every
// watcher saw every event -- never timing.
//
// Usage: navigator_apiserver_loadgen_smoke <navigator-apiserver binary>
// Exit status: 0 passed, 1 failed, 77 no test binaries (NAVIGATOR_TEST_BIN_DIR).

#include <fmt/format.h>
#include <stdlib.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/apiserver/loadgen_main.h"
#include "bench/informer/kubeconfig_file.h"
#include "navigator/client/rest_client.h"
#include "tests/support/child_process.h"
#include "tests/support/etcd_server.h"

namespace navigator::bench::loadgen {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr int kSkip = 77;

int failures = 0;

void Check(bool ok, const std::string& what) {
  std::cerr << (ok ? "ok: " : "FAILED: ") << what << "\n";
  if (!ok) ++failures;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the load generator in-process; returns its JSON lines.
std::vector<json::object> Loadgen(const std::vector<std::string>& args, int& code) {
  std::ostringstream out;
  code = LoadgenMain(args, out, std::cerr);
  std::vector<json::object> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) {
    boost::system::error_code ec;
    json::value value = json::parse(line, ec);
    if (ec || !value.is_object()) {
      Check(false, "output line is a JSON object: " + line);
      continue;
    }
    lines.push_back(std::move(value.as_object()));
  }
  return lines;
}

// The single-op phases: one line per op, all ops done, nothing failed.
void CheckPhases(const std::string& target, const std::vector<std::string>& ops,
                 const std::vector<std::string>& args, int64_t ops_per_phase) {
  int code = 0;
  const std::vector<json::object> lines = Loadgen(args, code);
  Check(code == 0, fmt::format("{}: exit status 0 (got {})", target, code));
  Check(lines.size() == ops.size(),
        fmt::format("{}: {} lines (got {})", target, ops.size(), lines.size()));
  for (size_t i = 0; i < lines.size() && i < ops.size(); ++i) {
    const json::object& line = lines[i];
    const std::string label = fmt::format("{} {}", target, ops[i]);
    Check(line.at("op").as_string() == ops[i], label + ": op in order");
    Check(line.at("target").as_string() == target, label + ": target");
    Check(line.at("errors").as_int64() == 0, label + ": no errors");
    Check(line.at("conflicts").as_int64() == 0, label + ": no conflicts");
    Check(line.at("ops").as_int64() == ops_per_phase,
          fmt::format("{}: {} ops (got {})", label, ops_per_phase, line.at("ops").as_int64()));
    Check(line.at("max_ms").as_double() > 0, label + ": latencies recorded");
  }
}

int Main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: navigator_apiserver_loadgen_smoke <navigator-apiserver binary>\n";
    return 1;
  }
  if (getenv("NAVIGATOR_TEST_BIN_DIR") == nullptr) {
    std::cerr << "skipped: NAVIGATOR_TEST_BIN_DIR is not set (run hack/build-test-binaries.sh)\n";
    return kSkip;
  }
  Result<std::unique_ptr<test_support::EtcdServer>> etcd = test_support::EtcdServer::Start();
  if (!etcd.ok()) {
    std::cerr << "etcd: " << etcd.status().ToString() << "\n";
    return 1;
  }
  Result<int> port = test_support::PickFreePort();
  if (!port.ok()) return 1;
  const fs::path dir = fs::temp_directory_path() / fmt::format("loadgen-smoke-{}", getpid());
  fs::create_directories(dir);
  Result<pid_t> apiserver = test_support::SpawnLogged(
      {argv[1], "--etcd-servers", (*etcd)->endpoint(), "--bind-address", "127.0.0.1",
       "--secure-port", std::to_string(*port), "--cert-dir", (dir / "certificates").string(),
       "--authorization-mode=AlwaysAllow", "--disable-admission-plugins=NamespaceLifecycle"},
      (dir / "apiserver.log").string());
  if (!apiserver.ok()) {
    std::cerr << "navigator-apiserver: " << apiserver.status().ToString() << "\n";
    return 1;
  }

  // Ready: its self-signed certificate written and /readyz answering.
  client::RestConfig config;
  config.server = fmt::format("https://127.0.0.1:{}", *port);
  config.timeout = std::chrono::seconds(5);
  const std::string cert = (dir / "certificates" / "apiserver.crt").string();
  bool ready = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!ready && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!fs::exists(cert)) continue;
    config.certificate_authority_pem = ReadText(cert);
    Result<std::unique_ptr<client::RestClient>> rest = client::NewRestClient(config);
    ready = rest.ok() && (*rest)->Do({.path = "/readyz"}).ok();
  }
  if (!ready) {
    std::cerr << "navigator-apiserver did not become ready; its log:\n"
              << ReadText((dir / "apiserver.log").string()) << "\n";
    test_support::TerminateChild(*apiserver, std::chrono::seconds(5));
    return 1;
  }
  const std::string kubeconfig = (dir / "kubeconfig").string();
  if (Status s = WriteKubeconfig(config, kubeconfig); !s.ok()) {
    std::cerr << s.ToString() << "\n";
    return 1;
  }

  const std::vector<std::string> single = {"create",        "get",      "update",
                                           "update-status", "list-100", "list-1000"};
  const std::string single_ops = "create,get,update,update-status,list-100,list-1000";
  const std::string pid = std::to_string(*apiserver);
  CheckPhases("navigator", single,
              {"--kubeconfig", kubeconfig, "--op", single_ops, "--clients", "2", "--ops", "6",
               "--value-bytes", "2048", "--verify", "--server-pid", pid},
              6);
  {
    int code = 0;
    const std::vector<json::object> lines =
        Loadgen({"--kubeconfig", kubeconfig, "--op", "mixed", "--clients", "2", "--ops", "20",
                 "--value-bytes", "2048", "--verify", "--target-name", "navigator-mixed"},
                code);
    Check(code == 0 && lines.size() == 1, "mixed: one line, exit 0");
    if (lines.size() == 1) {
      const json::object& line = lines[0];
      Check(line.at("errors").as_int64() == 0, "mixed: no errors");
      Check(line.at("ops").as_int64() == 20, "mixed: 20 ops");
      Check(line.at("mix").as_object().size() == 5, "mixed: five kinds of op");
      Check(line.at("target").as_string() == "navigator-mixed", "mixed: --target-name");
    }
  }
  {
    int code = 0;
    const std::vector<json::object> lines =
        Loadgen({"--kubeconfig", kubeconfig, "--op", "watch", "--clients", "2", "--watchers", "3",
                 "--events", "10", "--watch-timeout", "10", "--server-pid", pid},
                code);
    Check(code == 0 && lines.size() == 1, "watch: one line, exit 0");
    if (lines.size() == 1) {
      const json::object& line = lines[0];
      Check(line.at("errors").as_int64() == 0, "watch: no errors");
      Check(line.at("ops").as_int64() == 10, "watch: 10 writes");
      Check(line.at("events_expected").as_int64() == 30, "watch: 30 deliveries expected");
      Check(line.at("events_delivered").as_int64() == 30, "watch: 30 delivered");
      Check(line.at("events_complete").as_bool(), "watch: every watcher saw every event");
      Check(!line.at("server_rss_peak_bytes").is_null(), "watch: server RSS read");
    }
  }
  test_support::TerminateChild(*apiserver, std::chrono::seconds(5));

  CheckPhases("etcd", single,
              {"--etcd", (*etcd)->endpoint(), "--op", single_ops, "--clients", "2", "--ops", "6",
               "--value-bytes", "2048", "--verify"},
              6);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  std::cerr << (failures == 0
                    ? "apiserver_loadgen_smoke passed\n"
                    : fmt::format("apiserver_loadgen_smoke: {} checks failed\n", failures));
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace navigator::bench::loadgen

int main(int argc, char** argv) {
  return navigator::bench::loadgen::Main(argc, argv);
}
