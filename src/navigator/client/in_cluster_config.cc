#include "navigator/client/in_cluster_config.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace navigator::client {
namespace {

constexpr std::size_t kMaxFileBytes = 1 << 20;

Result<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return BadRequest(fmt::format("in-cluster configuration: cannot read {}", path));
  std::string data(kMaxFileBytes + 1, '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (data.size() > kMaxFileBytes) {
    return BadRequest(fmt::format("in-cluster configuration: {} is larger than 1 MiB", path));
  }
  return data;
}

}  // namespace

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

bool InCluster(const EnvLookup& env) {
  auto host = env("KUBERNETES_SERVICE_HOST");
  auto port = env("KUBERNETES_SERVICE_PORT");
  return host && !host->empty() && port && !port->empty();
}

Result<RestConfig> InClusterConfig(const EnvLookup& env, const std::string& service_account_dir) {
  auto host = env("KUBERNETES_SERVICE_HOST");
  auto port = env("KUBERNETES_SERVICE_PORT");
  if (!host || host->empty() || !port || port->empty()) {
    return BadRequest(
        "in-cluster configuration: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be "
        "set (is this process running in a pod?)");
  }
  RestConfig config;
  // An IPv6 address needs brackets in a URL.
  const bool ipv6 = host->find(':') != std::string::npos;
  config.server = ipv6 ? fmt::format("https://[{}]:{}", *host, *port)
                       : fmt::format("https://{}:{}", *host, *port);
  const std::string token_file = service_account_dir + "/token";
  // Read once now so a missing token fails at start, not on the first request.
  NAVIGATOR_ASSIGN_OR_RETURN(std::string token, ReadSmallFile(token_file));
  if (token.empty()) {
    return BadRequest(fmt::format("in-cluster configuration: {} is empty", token_file));
  }
  config.bearer_token_file = token_file;
  NAVIGATOR_ASSIGN_OR_RETURN(config.certificate_authority_pem,
                             ReadSmallFile(service_account_dir + "/ca.crt"));
  if (auto ns = ReadSmallFile(service_account_dir + "/namespace"); ns.ok()) {
    config.namespace_ = *ns;
    while (!config.namespace_.empty() &&
           (config.namespace_.back() == '\n' || config.namespace_.back() == ' ')) {
      config.namespace_.pop_back();
    }
  }
  return config;
}

}  // namespace navigator::client
