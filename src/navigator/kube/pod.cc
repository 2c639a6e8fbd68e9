#include "navigator/kube/pod.h"

#include "navigator/kube/condition.h"

namespace navigator::kube {

bool IsPodReady(const Pod& pod) {
  const PodCondition* ready = FindCondition(pod.status.conditions, "Ready");
  return ready != nullptr && ready->status == "True";
}

}  // namespace navigator::kube
