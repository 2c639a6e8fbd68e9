#pragma once

// Writes a RestConfig out as a kubeconfig file, for the measured clients
// (navigator's and client-go's both read the cluster from one).

#include <string>

#include "navigator/base/status.h"
#include "navigator/client/rest_config.h"

namespace navigator::bench {

// The kubeconfig text of `config`: one cluster (server, certificate-
// authority-data), one user (client-certificate-data and client-key-data,
// or token), one current context with `config.namespace_`.
std::string KubeconfigYaml(const client::RestConfig& config);

// Writes KubeconfigYaml(config) to `path` (mode 0600). kInternal naming the
// file when it cannot be written.
Status WriteKubeconfig(const client::RestConfig& config, const std::string& path);

}  // namespace navigator::bench
