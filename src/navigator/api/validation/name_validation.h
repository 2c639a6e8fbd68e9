#pragma once

// Kubernetes' name and key formats (k8s.io/apimachinery pkg/util/validation
// and pkg/api/validation), returning one human-readable problem per violated
// rule and nothing when the value is valid. Message texts are those of the
// Kubernetes 1.9 libraries navigator was built on.

#include <string>
#include <string_view>
#include <vector>

namespace navigator::api {

inline constexpr std::size_t kDNS1123LabelMaxLength = 63;
inline constexpr std::size_t kDNS1123SubdomainMaxLength = 253;
inline constexpr std::size_t kQualifiedNameMaxLength = 63;
inline constexpr std::size_t kLabelValueMaxLength = 63;

// At most 63 characters of [a-z0-9-], starting and ending alphanumeric.
std::vector<std::string> IsDNS1123Label(std::string_view value);
// At most 253 characters: DNS-1123 labels joined by dots.
std::vector<std::string> IsDNS1123Subdomain(std::string_view value);
// [prefix/]name: prefix a DNS-1123 subdomain, name at most 63 characters of
// [-A-Za-z0-9_.], starting and ending alphanumeric. Label keys, annotation
// keys and finalizers use this format.
std::vector<std::string> IsQualifiedName(std::string_view value);
// Empty, or at most 63 characters in the qualified-name charset.
std::vector<std::string> IsValidLabelValue(std::string_view value);

// Checks an object name, or with `prefix` a generateName prefix (which may
// end in '-' because random characters follow it).
using NameValidator = std::vector<std::string> (*)(std::string_view name, bool prefix);

std::vector<std::string> NameIsDNSSubdomain(std::string_view name, bool prefix);
std::vector<std::string> NameIsDNSLabel(std::string_view name, bool prefix);
// The generic REST rule for any name that becomes a URL path segment: not
// "." or "..", and no '/' or '%' (a prefix is only checked for those two).
std::vector<std::string> ValidatePathSegmentName(std::string_view name, bool prefix);

}  // namespace navigator::api
