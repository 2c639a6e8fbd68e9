#pragma once

// Every kind this folder gives typed access to, for code that wants them all.

#include "navigator/kube/config_map.h"
#include "navigator/kube/endpoints.h"
#include "navigator/kube/event.h"
#include "navigator/kube/lease.h"
#include "navigator/kube/namespace.h"
#include "navigator/kube/navigator_kinds.h"
#include "navigator/kube/node.h"
#include "navigator/kube/persistent_volume_claim.h"
#include "navigator/kube/pod.h"
#include "navigator/kube/pod_disruption_budget.h"
#include "navigator/kube/rbac.h"
#include "navigator/kube/secret.h"
#include "navigator/kube/service.h"
#include "navigator/kube/service_account.h"
#include "navigator/kube/stateful_set.h"
