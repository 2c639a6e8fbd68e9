#pragma once

// The RestConfig of a process running in a pod, as client-go's
// rest.InClusterConfig: the API server from KUBERNETES_SERVICE_HOST and
// KUBERNETES_SERVICE_PORT, the pod's service-account token (re-read when the
// kubelet rotates it) and CA bundle.

#include <functional>
#include <optional>
#include <string>

#include "navigator/base/result.h"
#include "navigator/client/rest_config.h"

namespace navigator::client {

inline constexpr const char* kServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

// Reads an environment variable; nullopt when unset. Injected for tests.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
// The process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

// True when the environment names an in-cluster API server.
bool InCluster(const EnvLookup& env = ProcessEnv);

// kBadRequest naming what is missing (the environment variables, the token or
// CA file under `service_account_dir`).
Result<RestConfig> InClusterConfig(const EnvLookup& env = ProcessEnv,
                                   const std::string& service_account_dir = kServiceAccountDir);

}  // namespace navigator::client
