#pragma once

// The `continue` token of a paginated LIST, in Kubernetes' format
// (k8s.io/apiserver/pkg/storage/continue.go): unpadded URL-safe base64 of
//   {"v":"meta.k8s.io/v1","rv":<int64>,"start":"<key relative to the list prefix>"}
// so a token from Navigator looks like one from kube-apiserver, and a client
// can hand back either unchanged.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "navigator/base/result.h"

namespace navigator::registry {

struct ContinueToken {
  // The revision the first page was read at; every page reads at it. > 0.
  int64_t resource_version = 0;
  // Where the next page starts, relative to the listed prefix (for example
  // "my-namespace/next-name\0"). Non-empty, valid UTF-8, not starting with
  // '/', and every '/'-separated segment non-empty and not "." or "..", so
  // that prefix + start_key can never leave the prefix.
  std::string start_key;

  bool operator==(const ContinueToken&) const = default;
};

// Longer tokens are refused without decoding. A storage key relative to its
// prefix (namespace/name plus a NUL) encodes to a few hundred characters.
inline constexpr std::size_t kMaxContinueTokenLength = 8192;

// Preconditions: `token` satisfies the constraints documented on its fields
// (DecodeContinueToken then returns it unchanged).
std::string EncodeContinueToken(const ContinueToken& token);

// Errors are kBadRequest "continue key is not valid: <why>", the wording of
// Kubernetes' DecodeContinue (kube-apiserver's LIST adds "invalid continue
// token: " in front). Beyond Kubernetes, a negative rv, a start key beginning
// with '/', and tokens longer than kMaxContinueTokenLength are refused.
Result<ContinueToken> DecodeContinueToken(std::string_view token);

}  // namespace navigator::registry
