#pragma once

// The operations the load generator measures, and their names on the
// command line and in the output (README.md, "Output schema").

#include <optional>
#include <string_view>

namespace navigator::bench::loadgen {

enum class OpKind {
  kCreate,
  kGet,
  kUpdate,
  kUpdateStatus,
  kList100,
  kList1000,
  kMixed,  // a schedule of the single operations (op_mix.h)
  kWatch,  // the watch fan-out phase (watch_fanout.h)
};

// "create", "get", "update", "update-status", "list-100", "list-1000",
// "mixed", "watch".
std::string_view OpName(OpKind op);
// The inverse of OpName; nullopt for any other string.
std::optional<OpKind> ParseOpName(std::string_view name);

// Every name ParseOpName accepts, comma-separated, for error messages.
std::string_view OpNames();

// How many objects the namespace an op lists holds (100, 1000); 0 for
// ops that list nothing.
int ListSize(OpKind op);

}  // namespace navigator::bench::loadgen
