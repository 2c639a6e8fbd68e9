#pragma once

// core/v1 ServiceAccount: the identity the pilots run as.

#include <optional>
#include <tuple>
#include <vector>

#include "navigator/kube/object_reference.h"
#include "navigator/kube/resource_traits.h"

namespace navigator::kube {

struct ServiceAccount {
  api::TypeMeta type_meta;
  ObjectMeta metadata;
  std::vector<ObjectReference> secrets;
  std::vector<LocalObjectReference> image_pull_secrets;
  std::optional<bool> automount_service_account_token;
  UnknownFields unknown_fields;

  static constexpr auto JsonFields() {
    using S = ServiceAccount;
    return std::make_tuple(
        api::Inline(&S::type_meta), Field("metadata", &S::metadata),
        Field("secrets", &S::secrets, kOmitEmpty),
        Field("imagePullSecrets", &S::image_pull_secrets, kOmitEmpty),
        Field("automountServiceAccountToken", &S::automount_service_account_token, kOmitEmpty));
  }
  bool operator==(const ServiceAccount&) const = default;
};

template <>
struct ResourceTraits<ServiceAccount> : PreservingCodec<ServiceAccount> {
  static constexpr const client::TypedResource& kResource = client::kServiceAccounts;
};

}  // namespace navigator::kube
