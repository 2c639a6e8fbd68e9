#include "navigator/runtime/event.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdint>

#include "navigator/api/codec/json_parse.h"
#include "navigator/api/meta/time.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;

std::string Timestamp(Clock::TimePoint t) {
  return api::FormatRfc3339(api::Time::FromTimePoint(t));
}

void SetIfNotEmpty(json::object& o, std::string_view key, const std::string& value) {
  if (!value.empty()) o[key] = value;
}

Status BadEvent(std::string_view what) {
  return BadRequest(fmt::format("Event from the server: {}", what));
}

}  // namespace

std::string_view EventTypeName(EventType type) {
  return type == EventType::kWarning ? "Warning" : "Normal";
}

std::string EncodeEvent(const Event& event) {
  json::object metadata{{"name", event.name}, {"namespace", event.namespace_}};
  SetIfNotEmpty(metadata, "resourceVersion", event.resource_version);
  const ObjectReference& ref = event.involved_object;
  json::object involved;
  SetIfNotEmpty(involved, "kind", ref.kind);
  SetIfNotEmpty(involved, "namespace", ref.namespace_);
  SetIfNotEmpty(involved, "name", ref.name);
  SetIfNotEmpty(involved, "uid", ref.uid);
  SetIfNotEmpty(involved, "apiVersion", ref.api_version);
  SetIfNotEmpty(involved, "resourceVersion", ref.resource_version);
  SetIfNotEmpty(involved, "fieldPath", ref.field_path);
  json::object source;
  SetIfNotEmpty(source, "component", event.source.component);
  SetIfNotEmpty(source, "host", event.source.host);
  json::object out{
      {"apiVersion", "v1"},
      {"kind", "Event"},
      {"metadata", std::move(metadata)},
      {"involvedObject", std::move(involved)},
      {"reason", event.reason},
      {"message", event.message},
      {"source", std::move(source)},
      {"firstTimestamp", Timestamp(event.first_timestamp)},
      {"lastTimestamp", Timestamp(event.last_timestamp)},
      {"count", event.count},
      {"type", EventTypeName(event.type)},
  };
  SetIfNotEmpty(out, "reportingComponent", event.source.component);
  SetIfNotEmpty(out, "reportingInstance", event.source.host);
  return json::serialize(out);
}

std::string EncodeEventPatch(const Event& event) {
  return json::serialize(json::object{
      {"count", event.count},
      {"lastTimestamp", Timestamp(event.last_timestamp)},
      {"message", event.message},
  });
}

Result<EventState> DecodeEventState(std::string_view body) {
  Result<api::ParsedJson> parsed = api::ParseJson(body);
  if (!parsed.ok()) return BadEvent(parsed.status().message());
  if (!parsed->value.is_object()) return BadEvent("not a JSON object");
  const json::object& event = parsed->value.get_object();
  const json::value* metadata = event.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return BadEvent("no metadata object");
  EventState state;
  const json::value* name = metadata->get_object().if_contains("name");
  if (name == nullptr || !name->is_string() || name->get_string().empty()) {
    return BadEvent("no metadata.name");
  }
  state.name = std::string(name->get_string());
  const json::value* rv = metadata->get_object().if_contains("resourceVersion");
  if (rv != nullptr && !rv->is_null()) {
    if (!rv->is_string()) return BadEvent("metadata.resourceVersion is not a string");
    state.resource_version = std::string(rv->get_string());
  }
  const json::value* count = event.if_contains("count");
  if (count != nullptr && !count->is_null()) {
    if (count->is_int64() && count->get_int64() >= INT32_MIN && count->get_int64() <= INT32_MAX) {
      state.count = static_cast<int>(count->get_int64());
    } else if (count->is_uint64() && count->get_uint64() <= INT32_MAX) {
      state.count = static_cast<int>(count->get_uint64());
    } else {
      return BadEvent("count is not an int32");
    }
  }
  return state;
}

}  // namespace navigator::runtime
