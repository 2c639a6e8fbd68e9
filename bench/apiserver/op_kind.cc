#include "bench/apiserver/op_kind.h"

#include <array>
#include <utility>

namespace navigator::bench::loadgen {
namespace {

constexpr std::array<std::pair<OpKind, std::string_view>, 8> kNames{{
    {OpKind::kCreate, "create"},
    {OpKind::kGet, "get"},
    {OpKind::kUpdate, "update"},
    {OpKind::kUpdateStatus, "update-status"},
    {OpKind::kList100, "list-100"},
    {OpKind::kList1000, "list-1000"},
    {OpKind::kMixed, "mixed"},
    {OpKind::kWatch, "watch"},
}};

}  // namespace

std::string_view OpName(OpKind op) {
  for (const auto& [kind, name] : kNames) {
    if (kind == op) return name;
  }
  return "unknown";
}

std::optional<OpKind> ParseOpName(std::string_view name) {
  for (const auto& [kind, known] : kNames) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

std::string_view OpNames() {
  return "create, get, update, update-status, list-100, list-1000, mixed, watch";
}

int ListSize(OpKind op) {
  switch (op) {
    case OpKind::kList100:
      return 100;
    case OpKind::kList1000:
      return 1000;
    default:
      return 0;
  }
}

}  // namespace navigator::bench::loadgen
