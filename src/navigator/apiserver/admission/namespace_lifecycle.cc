#include "navigator/apiserver/admission/namespace_lifecycle.h"

#include <fmt/format.h>

namespace navigator::apiserver::admission {

Status NamespaceLifecycle::Admit(const Attributes& attributes) const {
  if (attributes.operation == Operation::kDelete || attributes.namespace_.empty()) {
    return OkStatus();
  }
  std::optional<NamespacePhase> phase = source_.Cached(attributes.namespace_);
  if (!phase) {
    auto live = source_.Live(attributes.namespace_);
    if (!live.ok() && live.status().code() == StatusCode::kNotFound) {
      return Status(StatusCode::kNotFound,
                    fmt::format("namespaces \"{}\" not found", attributes.namespace_),
                    StatusDetails{.name = attributes.namespace_, .kind = "namespaces"});
    }
    if (!live.ok()) {
      return Status(StatusCode::kServiceUnavailable,
                    fmt::format("cannot check that namespace \"{}\" exists, the request is "
                                "refused until it can be: {}",
                                attributes.namespace_, live.status().message()));
    }
    phase = *live;
  }
  if (attributes.operation == Operation::kCreate && *phase == NamespacePhase::kTerminating) {
    return Forbidden(attributes,
                     fmt::format("unable to create new content in namespace {} because it is "
                                 "being terminated",
                                 attributes.namespace_));
  }
  return OkStatus();
}

}  // namespace navigator::apiserver::admission
