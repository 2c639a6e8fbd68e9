#pragma once

// Kubeconfig loading rules for several files, as client-go's
// clientcmd.ClientConfigLoadingRules with KUBECONFIG:
//
// - KUBECONFIG is a ':'-separated list of files (empty entries and repeats
//   dropped); unset or empty, the one file ~/.kube/config;
// - files that do not exist are skipped, but when none exists that is an
//   error (unless a master override alone makes a config); a file that exists
//   but cannot be read or parsed is an error naming it;
// - clusters, users and contexts are merged by name: the first file that
//   defines a name wins, its whole entry is used, and later entries of that
//   name are ignored; current-context comes from the first file that sets it;
// - relative paths in an entry (certificate-authority, client-certificate,
//   client-key, tokenFile) are relative to the file that holds the entry;
// - `context` (--context) replaces current-context; `master_override`
//   (--master) replaces the chosen cluster's server.
//
// A single --kubeconfig file takes LoadKubeconfig (kubeconfig.h) instead: no
// merging, and a missing file is an error.

#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"

namespace navigator::client {

// The files a KUBECONFIG value names, or {home + "/.kube/config"} when it is
// empty ({} when home is empty too).
std::vector<std::string> KubeconfigPaths(std::string_view kubeconfig_env, std::string_view home);

// KubeconfigPaths of the process's $KUBECONFIG and $HOME.
std::vector<std::string> DefaultKubeconfigPaths();

// One kubeconfig already read: its path (for errors and relative paths) and
// text.
struct KubeconfigFile {
  std::string path;
  std::string yaml;
};

// Merges `files` (in precedence order) and resolves the context as above.
// Errors are kBadRequest and name the file(s) concerned.
Result<RestConfig> MergeKubeconfigs(const std::vector<KubeconfigFile>& files,
                                    std::string_view context = {},
                                    std::string_view master_override = {});

// Reads the existing files among `paths` and merges them (MergeKubeconfigs).
Result<RestConfig> LoadKubeconfigChain(const std::vector<std::string>& paths,
                                       std::string_view context = {},
                                       std::string_view master_override = {});

}  // namespace navigator::client
