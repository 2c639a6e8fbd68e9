#include "bench/apiserver/pilot_body.h"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace navigator::bench::loadgen {
namespace {

namespace json = boost::json;

boost::json::object BaseObject(std::string_view namespace_, std::string_view name,
                               int64_t value_bytes, std::string padding) {
  json::object labels{
      {"app", "elasticsearch"},
      {"navigator.jetstack.io/elasticsearch-cluster-name", "demo"},
      {"navigator.jetstack.io/elasticsearch-node-pool-name", "data"},
      {std::string(kUpdateLabel), "0"},
  };
  json::object annotations{
      {std::string(kValueBytesAnnotation), std::to_string(value_bytes)},
      {std::string(kPaddingAnnotation), std::move(padding)},
  };
  json::object metadata{
      {"name", name},
      {"namespace", namespace_},
      {"labels", std::move(labels)},
      {"annotations", std::move(annotations)},
  };
  json::array conditions{
      json::object{{"type", "Started"},
                   {"status", "True"},
                   {"lastTransitionTime", "2026-01-02T03:04:05Z"},
                   {"reason", "ProcessStarted"},
                   {"message", "elasticsearch process started"}},
      json::object{{"type", "Ready"},
                   {"status", "True"},
                   {"lastTransitionTime", "2026-01-02T03:04:35Z"},
                   {"reason", "NodeReady"},
                   {"message", "node joined the cluster and is serving"}},
  };
  json::object status{
      {"conditions", std::move(conditions)},
      {"elasticsearch", json::object{{"documents", 120'345}, {"version", "6.8.23"}}},
  };
  return json::object{
      {"apiVersion", "navigator.jetstack.io/v1alpha1"},
      {"kind", "Pilot"},
      {"metadata", std::move(metadata)},
      {"spec", json::object{}},
      {"status", std::move(status)},
  };
}

std::string Padding(int64_t bytes) {
  static constexpr std::string_view kAlphabet =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string padding;
  padding.reserve(static_cast<size_t>(bytes));
  for (int64_t i = 0; i < bytes; ++i)
    padding += kAlphabet[static_cast<size_t>(i) % kAlphabet.size()];
  return padding;
}

Result<json::object> ParseObject(std::string_view object_json) {
  boost::system::error_code ec;
  json::value value = json::parse(object_json, ec);
  if (ec || !value.is_object()) {
    return BadRequest(
        fmt::format("the server's object is not a JSON object: {}", object_json.substr(0, 200)));
  }
  json::object object = std::move(value.as_object());
  const json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) {
    return BadRequest("the server's object has no metadata object");
  }
  return object;
}

}  // namespace

json::object PilotObject(std::string_view namespace_, std::string_view name, int64_t value_bytes) {
  json::object object = BaseObject(namespace_, name, value_bytes, "");
  if (value_bytes <= 0) return object;
  const auto natural = static_cast<int64_t>(json::serialize(object).size());
  if (natural >= value_bytes) return object;
  return BaseObject(namespace_, name, value_bytes, Padding(value_bytes - natural));
}

std::string PilotJson(std::string_view namespace_, std::string_view name, int64_t value_bytes) {
  return json::serialize(PilotObject(namespace_, name, value_bytes));
}

Result<std::string> EditForUpdate(std::string_view object_json, int64_t sequence) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object object, ParseObject(object_json));
  json::object& metadata = object["metadata"].as_object();
  json::value& labels = metadata["labels"];
  if (!labels.is_object()) labels = json::object{};
  labels.as_object()[kUpdateLabel] = std::to_string(sequence);
  return json::serialize(object);
}

Result<std::string> EditForStatusUpdate(std::string_view object_json, int64_t sequence) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object object, ParseObject(object_json));
  json::value& status = object["status"];
  if (!status.is_object()) status = json::object{};
  json::value& elasticsearch = status.as_object()["elasticsearch"];
  if (!elasticsearch.is_object()) elasticsearch = json::object{};
  elasticsearch.as_object()["documents"] = sequence;
  return json::serialize(object);
}

Result<std::string> WithPilotStatus(std::string_view object_json) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object object, ParseObject(object_json));
  object["status"] = BaseObject("", "", 0, "")["status"];
  return json::serialize(object);
}

Result<std::string> ResourceVersionOf(std::string_view object_json) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object object, ParseObject(object_json));
  const json::value* rv = object["metadata"].as_object().if_contains("resourceVersion");
  if (rv == nullptr || !rv->is_string() || rv->as_string().empty()) {
    return BadRequest("the server's object has no metadata.resourceVersion");
  }
  return std::string(rv->as_string());
}

}  // namespace navigator::bench::loadgen
