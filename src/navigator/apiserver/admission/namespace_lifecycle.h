#pragma once

// The NamespaceLifecycle admission plugin, as kube-apiserver's: no object is
// written into a namespace that does not exist (404 NotFound, `namespaces
// "x" not found`), and nothing is created in a namespace being deleted (403,
// `unable to create new content in namespace x because it is being
// terminated`). Deletes are always admitted, so a terminating namespace can
// be emptied. Namespaces come from a cache; one the cache does not know is
// looked up live, so a namespace created a moment ago is never refused.

#include <optional>
#include <string_view>

#include "navigator/apiserver/admission/admission.h"
#include "navigator/base/result.h"

namespace navigator::apiserver::admission {

enum class NamespacePhase { kActive, kTerminating };

// Where namespaces are looked up. Thread-safe.
class NamespaceSource {
 public:
  virtual ~NamespaceSource() = default;
  // The cached phase; nullopt when the cache does not hold the namespace
  // (or has not synced yet).
  virtual std::optional<NamespacePhase> Cached(std::string_view name) const = 0;
  // Asks the cluster: kNotFound when the namespace does not exist; another
  // error when the cluster cannot answer.
  virtual Result<NamespacePhase> Live(std::string_view name) const = 0;
};

class NamespaceLifecycle final : public Plugin {
 public:
  // `source` must outlive the plugin.
  explicit NamespaceLifecycle(const NamespaceSource& source) : source_(source) {}
  Status Admit(const Attributes& attributes) const override;

 private:
  const NamespaceSource& source_;
};

}  // namespace navigator::apiserver::admission
