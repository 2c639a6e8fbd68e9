#include "navigator/authz/path_authorizer.h"

#include <fmt/format.h>

namespace navigator::authz {

Result<PathAuthorizer> PathAuthorizer::New(const std::vector<std::string>& paths) {
  PathAuthorizer out;
  for (const std::string& path : paths) {
    if (path.empty() || path.front() != '/') {
      return BadRequest(fmt::format("invalid {} entry \"{}\": a path must start with '/'",
                                    kAlwaysAllowPathsFlag, path));
    }
    const std::size_t star = path.find('*');
    if (star != std::string::npos && star + 1 != path.size()) {
      return BadRequest(
          fmt::format("invalid {} entry \"{}\": '*' is only allowed at the end (a prefix match)",
                      kAlwaysAllowPathsFlag, path));
    }
    if (star == std::string::npos) {
      out.exact_.insert(path);
    } else {
      out.prefixes_.push_back(path.substr(0, star));
    }
  }
  return out;
}

Result<PathAuthorizer> PathAuthorizer::FromFlag(std::string_view value) {
  std::vector<std::string> paths;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    if (end > start) paths.emplace_back(value.substr(start, end - start));
    start = end + 1;
  }
  return New(paths);
}

Result<Verdict> PathAuthorizer::Authorize(const Attributes& attributes) const {
  if (attributes.resource_request) return Verdict{};
  if (exact_.contains(attributes.path)) return Verdict{.decision = Decision::kAllow};
  for (const std::string& prefix : prefixes_) {
    if (attributes.path.starts_with(prefix)) return Verdict{.decision = Decision::kAllow};
  }
  return Verdict{};
}

}  // namespace navigator::authz
