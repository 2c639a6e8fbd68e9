#pragma once

// Result<T> holds either a value or a non-OK Status. It is the return type of
// every fallible function at a module edge.

#include <cassert>
#include <utility>
#include <variant>

#include "navigator/base/status.h"

namespace navigator {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}        // NOLINT
  Result(Status status) : state_(std::in_place_index<1>, std::move(status)) {  // NOLINT
    assert(!std::get<1>(state_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Preconditions: ok().
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !ok().
  const Status& status() const& { return std::get<1>(state_); }
  Status&& status() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace navigator

// Evaluates `expr` (a Status or Result) and returns its error from the
// enclosing function when it is not OK.
#define NAVIGATOR_RETURN_IF_ERROR(expr)                         \
  do {                                                          \
    auto&& navigator_status_ = (expr);                          \
    if (!navigator_status_.ok()) {                              \
      return ::navigator::internal::ErrorOf(navigator_status_); \
    }                                                           \
  } while (false)

#define NAVIGATOR_CONCAT_INNER(a, b) a##b
#define NAVIGATOR_CONCAT(a, b) NAVIGATOR_CONCAT_INNER(a, b)

// `NAVIGATOR_ASSIGN_OR_RETURN(auto x, Fn());` declares x from a Result's value
// or returns its error.
#define NAVIGATOR_ASSIGN_OR_RETURN(lhs, expr) \
  NAVIGATOR_ASSIGN_OR_RETURN_IMPL(NAVIGATOR_CONCAT(navigator_result_, __LINE__), lhs, expr)
#define NAVIGATOR_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return std::move(tmp).status();        \
  lhs = std::move(tmp).value()

namespace navigator::internal {
inline const Status& ErrorOf(const Status& s) {
  return s;
}
template <typename T>
const Status& ErrorOf(const Result<T>& r) {
  return r.status();
}
}  // namespace navigator::internal
