#pragma once

// Paths that need no authorization (--authorization-always-allow-paths), as
// Kubernetes' path authorizer: health checks answer without asking the
// Kubernetes API server.

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "navigator/authz/authorizer.h"

namespace navigator::authz {

inline constexpr const char* kAlwaysAllowPathsFlag = "--authorization-always-allow-paths";

class PathAuthorizer final : public Authorizer {
 public:
  // Each path is matched exactly, or, when it ends in '*', as a prefix
  // ("/metrics*" allows "/metrics" and "/metrics/x"; "/*" allows every path).
  // Errors (kBadRequest, naming the flag and the path): a path that does not
  // start with '/' or has a '*' before its end.
  static Result<PathAuthorizer> New(const std::vector<std::string>& paths);

  // New() over the comma-separated value of the flag; empty elements are
  // skipped, so "" allows nothing.
  static Result<PathAuthorizer> FromFlag(std::string_view value);

  // kAllow for a non-resource request whose path matches, else kNoOpinion
  // (resource requests always). Never fails. Thread-safe.
  Result<Verdict> Authorize(const Attributes& attributes) const override;

 private:
  PathAuthorizer() = default;

  std::unordered_set<std::string> exact_;
  std::vector<std::string> prefixes_;
};

}  // namespace navigator::authz
