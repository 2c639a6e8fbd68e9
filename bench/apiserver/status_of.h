#pragma once

// The Status of a Result whose value is not needed: OK, or its error.

#include "navigator/base/result.h"

namespace navigator::bench::loadgen {

template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.ok() ? OkStatus() : result.status();
}

}  // namespace navigator::bench::loadgen
