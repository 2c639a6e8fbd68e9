#pragma once

// Who a request is from, as Kubernetes' user.Info: what an authenticator
// establishes and what authorization (SubjectAccessReview) is asked about.

#include <map>
#include <string>
#include <vector>

namespace navigator::authn {

// The extra key under which Kubernetes records which credential authenticated
// a request (for a client certificate: "X509SHA256=<hex SHA-256 of its DER>").
inline constexpr const char* kCredentialIdKey = "authentication.kubernetes.io/credential-id";

struct UserInfo {
  std::string name;
  std::string uid;  // may be empty
  std::vector<std::string> groups;
  // Extra attributes, e.g. "authentication.kubernetes.io/credential-id".
  std::map<std::string, std::vector<std::string>> extra;

  bool operator==(const UserInfo&) const = default;
};

}  // namespace navigator::authn
