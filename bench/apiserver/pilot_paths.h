#pragma once

// The request paths of Pilots (navigator.jetstack.io/v1alpha1), the same on
// navigator-apiserver and on kube-apiserver serving them as a CRD, and the
// namespaces each op uses under the --namespace base name.

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace navigator::bench::loadgen {

inline std::string PilotsPath(std::string_view namespace_) {
  return fmt::format("/apis/navigator.jetstack.io/v1alpha1/namespaces/{}/pilots", namespace_);
}

inline std::string PilotPath(std::string_view namespace_, std::string_view name) {
  return fmt::format("{}/{}", PilotsPath(namespace_), name);
}

inline std::string PilotStatusPath(std::string_view namespace_, std::string_view name) {
  return fmt::format("{}/{}/status", PilotsPath(namespace_), name);
}

// The shared pool get and updates work on: the base namespace itself.
inline std::string PoolNamespace(std::string_view base) {
  return std::string(base);
}
// Where creates go.
inline std::string CreateNamespace(std::string_view base) {
  return fmt::format("{}-create", base);
}
// The namespace holding exactly `objects` Pilots, for list-<objects>.
inline std::string ListNamespace(std::string_view base, int objects) {
  return fmt::format("{}-list-{}", base, objects);
}
// The namespace the watch fan-out watches and writes.
inline std::string WatchNamespace(std::string_view base) {
  return fmt::format("{}-watch", base);
}

// The name of the index-th object of a filled namespace.
inline std::string FilledName(int index) {
  return fmt::format("pilot-{:05d}", index);
}

}  // namespace navigator::bench::loadgen
