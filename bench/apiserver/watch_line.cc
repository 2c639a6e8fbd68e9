#include "bench/apiserver/watch_line.h"

namespace navigator::bench::loadgen {
namespace {

constexpr std::string_view kAddedPrefix = R"({"type":"ADDED","object":{)";
constexpr std::string_view kMetadata = R"("metadata":{)";
constexpr std::string_view kName = R"("name":")";
constexpr std::string_view kResourceVersion = R"("resourceVersion":")";

// The string value that starts at `from` (just past its opening quote), or
// nullopt when it does not end on this line or holds an escape.
std::optional<std::string_view> StringAt(std::string_view line, std::size_t from) {
  const std::size_t end = line.find('"', from);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view value = line.substr(from, end - from);
  if (value.find('\\') != std::string_view::npos) return std::nullopt;
  return value;
}

}  // namespace

std::optional<AddedEvent> ScanAddedEvent(std::string_view line) {
  if (!line.starts_with(kAddedPrefix)) return std::nullopt;
  const std::size_t metadata = line.find(kMetadata, kAddedPrefix.size());
  if (metadata == std::string_view::npos) return std::nullopt;
  const std::size_t name_at = metadata + kMetadata.size();
  if (line.substr(name_at, kName.size()) != kName) return std::nullopt;
  const std::optional<std::string_view> name = StringAt(line, name_at + kName.size());
  if (!name || name->empty()) return std::nullopt;
  const std::size_t rv_key = line.find(kResourceVersion, name_at + kName.size() + name->size());
  if (rv_key == std::string_view::npos) return std::nullopt;
  const std::optional<std::string_view> rv = StringAt(line, rv_key + kResourceVersion.size());
  if (!rv || rv->empty()) return std::nullopt;
  return AddedEvent{*name, *rv};
}

}  // namespace navigator::bench::loadgen
