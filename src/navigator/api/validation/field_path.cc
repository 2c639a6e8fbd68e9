#include "navigator/api/validation/field_path.h"

namespace navigator::api {

FieldPath FieldPath::Child(std::string_view name) const {
  FieldPath out(*this);
  if (!out.path_.empty()) out.path_ += '.';
  out.path_ += name;
  return out;
}

FieldPath FieldPath::Index(std::size_t index) const {
  FieldPath out(*this);
  out.path_ += '[';
  out.path_ += std::to_string(index);
  out.path_ += ']';
  return out;
}

FieldPath FieldPath::Key(std::string_view key) const {
  FieldPath out(*this);
  out.path_ += '[';
  out.path_ += key;
  out.path_ += ']';
  return out;
}

}  // namespace navigator::api
