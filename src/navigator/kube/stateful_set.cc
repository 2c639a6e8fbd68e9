#include "navigator/kube/stateful_set.h"

namespace navigator::kube {

bool IsRolledOut(const StatefulSet& set) {
  const int32_t want = set.spec.replicas.value_or(1);
  const StatefulSetStatus& s = set.status;
  return s.observed_generation >= set.metadata.generation && s.replicas == want &&
         s.updated_replicas == want && s.ready_replicas == want &&
         s.current_revision == s.update_revision;
}

}  // namespace navigator::kube
