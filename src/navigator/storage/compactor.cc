#include "navigator/storage/compactor.h"

namespace navigator::storage {

Status Compactor::Tick() {
  if (previous_revision_ > last_compacted_) {
    Status s = storage_.Compact(previous_revision_);
    // kGone: somebody (another apiserver) compacted past it already.
    if (!s.ok() && s.code() != StatusCode::kGone) return s;
    last_compacted_ = previous_revision_;
  }
  auto current = storage_.CurrentRevision();
  if (!current.ok()) return current.status();
  previous_revision_ = *current;
  return OkStatus();
}

}  // namespace navigator::storage
