#pragma once

// A Kubernetes field path as field.Path prints it: children joined by dots,
// list indexes and map keys in brackets ("spec.nodePools[1].roles[0]",
// "metadata.labels[app]").

#include <cstddef>
#include <string>
#include <string_view>

namespace navigator::api {

class FieldPath {
 public:
  FieldPath() = default;
  explicit FieldPath(std::string_view root) : path_(root) {}

  FieldPath Child(std::string_view name) const;
  FieldPath Index(std::size_t index) const;
  FieldPath Key(std::string_view key) const;

  const std::string& String() const { return path_; }

  bool operator==(const FieldPath&) const = default;

 private:
  std::string path_;
};

}  // namespace navigator::api
