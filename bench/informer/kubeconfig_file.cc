#include "bench/informer/kubeconfig_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "navigator/client/base64.h"

namespace navigator::bench {

std::string KubeconfigYaml(const client::RestConfig& config) {
  std::string cluster = fmt::format("    server: {}\n", config.server);
  if (!config.certificate_authority_pem.empty()) {
    cluster += fmt::format("    certificate-authority-data: {}\n",
                           client::Base64Encode(config.certificate_authority_pem));
  }
  std::string user;
  if (!config.client_certificate_pem.empty()) {
    user += fmt::format("    client-certificate-data: {}\n",
                        client::Base64Encode(config.client_certificate_pem));
    user += fmt::format("    client-key-data: {}\n", client::Base64Encode(config.client_key_pem));
  }
  if (!config.bearer_token.empty()) user += fmt::format("    token: {}\n", config.bearer_token);
  if (user.empty()) user = "    {}\n";
  return fmt::format(
      "apiVersion: v1\n"
      "kind: Config\n"
      "clusters:\n"
      "- name: bench\n"
      "  cluster:\n{}"
      "users:\n"
      "- name: bench\n"
      "  user:\n{}"
      "contexts:\n"
      "- name: bench\n"
      "  context:\n"
      "    cluster: bench\n"
      "    user: bench\n"
      "    namespace: \"{}\"\n"
      "current-context: bench\n",
      cluster, user, config.namespace_);
}

Status WriteKubeconfig(const client::RestConfig& config, const std::string& path) {
  const std::string text = KubeconfigYaml(config);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Internal(fmt::format("writing {}: {}", path, std::strerror(errno)));
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      close(fd);
      return Internal(fmt::format("writing {}: {}", path, std::strerror(error)));
    }
    written += static_cast<size_t>(n);
  }
  if (close(fd) != 0) return Internal(fmt::format("writing {}: {}", path, std::strerror(errno)));
  return OkStatus();
}

}  // namespace navigator::bench
