#pragma once

// Reads kubeconfig files (clientcmd's format) into a RestConfig.

#include <string>
#include <string_view>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"

namespace navigator::client {

// Loads the kubeconfig at `path` and resolves `context` (empty: its
// current-context): the cluster's server, certificate-authority(-data),
// insecure-skip-tls-verify and tls-server-name; the user's
// client-certificate(-data)/client-key(-data), token and tokenFile; the
// context's namespace. Relative file paths are relative to the kubeconfig's
// directory. Any problem (missing or unreadable file, malformed YAML, a
// context, cluster or user that is not there, a referenced file that cannot
// be read, an auth provider or exec plugin, which are not supported) is one
// kBadRequest whose message names the file and the problem.
Result<RestConfig> LoadKubeconfig(const std::string& path, std::string_view context = {});

// The same for kubeconfig text already read; `origin` names it in errors and
// `base_dir` resolves relative paths. Bounded: text over 1 MiB is refused.
Result<RestConfig> ParseKubeconfig(std::string_view yaml, std::string_view origin,
                                   const std::string& base_dir, std::string_view context = {});

}  // namespace navigator::client
