#include "tests/support/etcd_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/support/child_process.h"

namespace navigator::test_support {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// GET /health on 127.0.0.1:port; true when etcd reports itself healthy.
bool HealthOk(int port) {
  Fd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return false;
  timeval timeout{1, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return false;
  const std::string request =
      "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return false;
  }
  std::string response;
  char buffer[1024];
  ssize_t n;
  while ((n = recv(fd.get(), buffer, sizeof(buffer), 0)) > 0) response.append(buffer, n);
  return response.find("\"health\":\"true\"") != std::string::npos;
}

std::string ReadTail(const std::string& path, size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  return text.size() > bytes ? "..." + text.substr(text.size() - bytes) : text;
}

}  // namespace

Result<std::string> TestBinary(const std::string& binary) {
  const char* dir = std::getenv("NAVIGATOR_TEST_BIN_DIR");
  if (dir == nullptr || *dir == '\0') {
    return Internal(
        "NAVIGATOR_TEST_BIN_DIR is not set. Run hack/build-test-binaries.sh and set "
        "NAVIGATOR_TEST_BIN_DIR to the directory it prints (its last line).");
  }
  std::string path = std::string(dir) + "/" + binary;
  if (access(path.c_str(), X_OK) != 0) {
    return Internal(fmt::format(
        "{} is not an executable file (NAVIGATOR_TEST_BIN_DIR={}). Run "
        "hack/build-test-binaries.sh and set NAVIGATOR_TEST_BIN_DIR to the directory it prints.",
        path, dir));
  }
  return path;
}

Result<int> PickFreePort() {
  Fd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return Internal(fmt::format("socket: {}", std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    return Internal(fmt::format("bind 127.0.0.1:0: {}", std::strerror(errno)));
  }
  socklen_t length = sizeof(addr);
  if (getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
    return Internal(fmt::format("getsockname: {}", std::strerror(errno)));
  }
  return static_cast<int>(ntohs(addr.sin_port));
}

Result<std::unique_ptr<EtcdServer>> EtcdServer::Start(EtcdServerOptions options) {
  NAVIGATOR_ASSIGN_OR_RETURN(std::string binary, TestBinary("etcd"));
  std::unique_ptr<EtcdServer> server(new EtcdServer());
  server->options_ = options;
  server->binary_ = std::move(binary);

  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/navigator-etcd-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return Internal(fmt::format("mkdtemp {}: {}", pattern, std::strerror(errno)));
  }
  server->dir_ = pattern;  // from here on the destructor removes it
  if (options.tls) {
    NAVIGATOR_ASSIGN_OR_RETURN(server->certificates_, WriteTestCertificates(server->dir_));
  }

  Status last;
  for (int attempt = 0; attempt < 5; ++attempt) {
    NAVIGATOR_ASSIGN_OR_RETURN(server->client_port_, PickFreePort());
    NAVIGATOR_ASSIGN_OR_RETURN(server->peer_port_, PickFreePort());
    NAVIGATOR_ASSIGN_OR_RETURN(server->metrics_port_, PickFreePort());
    if (server->client_port_ == server->peer_port_ ||
        server->client_port_ == server->metrics_port_ ||
        server->peer_port_ == server->metrics_port_) {
      continue;
    }
    server->endpoint_ =
        fmt::format("{}://127.0.0.1:{}", options.tls ? "https" : "http", server->client_port_);
    std::error_code ignored;
    std::filesystem::remove_all(server->dir_ + "/data", ignored);
    last = server->Launch();
    if (last.ok()) last = server->WaitHealthy();
    if (last.ok()) return server;
    const bool port_taken =
        server->LogTail(100000).find("address already in use") != std::string::npos;
    (void)server->Stop();
    if (!port_taken) break;
  }
  return last;
}

EtcdServer::~EtcdServer() {
  (void)Stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

Status EtcdServer::Launch() {
  const std::string scheme = options_.tls ? "https" : "http";
  const std::string client_url = fmt::format("{}://127.0.0.1:{}", scheme, client_port_);
  const std::string peer_url = fmt::format("http://127.0.0.1:{}", peer_port_);
  std::vector<std::string> args = {
      binary_,
      "--name=navigator-test",
      "--data-dir=" + dir_ + "/data",
      "--listen-client-urls=" + client_url,
      "--advertise-client-urls=" + client_url,
      "--listen-peer-urls=" + peer_url,
      "--initial-advertise-peer-urls=" + peer_url,
      "--initial-cluster=navigator-test=" + peer_url,
      "--listen-metrics-urls=" + fmt::format("http://127.0.0.1:{}", metrics_port_),
      "--unsafe-no-fsync",
      "--log-level=info",
  };
  if (options_.tls) {
    args.push_back("--cert-file=" + certificates_.server_cert_file);
    args.push_back("--key-file=" + certificates_.server_key_file);
    args.push_back("--trusted-ca-file=" + certificates_.ca_file);
    args.push_back("--client-cert-auth");
  }
  NAVIGATOR_ASSIGN_OR_RETURN(pid_, SpawnLogged(std::move(args), dir_ + "/etcd.log"));
  return OkStatus();
}

Status EtcdServer::WaitHealthy() {
  const auto deadline = Clock::now() + 30s;
  while (Clock::now() < deadline) {
    int wstatus = 0;
    if (waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      return Internal(
          fmt::format("etcd exited during start-up (status {}); its log:\n{}", wstatus, LogTail()));
    }
    if (HealthOk(metrics_port_)) return OkStatus();
    std::this_thread::sleep_for(50ms);
  }
  return Timeout(fmt::format("etcd at {} did not become healthy within 30s; its log:\n{}",
                             endpoint_, LogTail()));
}

Status EtcdServer::Stop() {
  if (pid_ <= 0) return OkStatus();
  TerminateChild(pid_, std::chrono::seconds(10));
  pid_ = -1;
  return OkStatus();
}

Status EtcdServer::Kill() {
  KillChild(pid_);
  pid_ = -1;
  return OkStatus();
}

Status EtcdServer::Restart() {
  NAVIGATOR_RETURN_IF_ERROR(Stop());
  Status last;
  // The ports were just released; retry briefly if one is still held.
  for (int attempt = 0; attempt < 10; ++attempt) {
    last = Launch();
    if (last.ok()) last = WaitHealthy();
    if (last.ok()) return last;
    (void)Stop();
    if (LogTail(100000).find("address already in use") == std::string::npos) break;
    std::this_thread::sleep_for(500ms);
  }
  return last;
}

std::string EtcdServer::LogTail(size_t bytes) const {
  return ReadTail(dir_ + "/etcd.log", bytes);
}

}  // namespace navigator::test_support
