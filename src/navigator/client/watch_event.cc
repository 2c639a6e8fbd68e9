#include "navigator/client/watch_event.h"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "navigator/client/object_store.h"
#include "navigator/client/response_status.h"

namespace navigator::client {
namespace {

namespace json = boost::json;

constexpr size_t kQuoteLimit = 80;

std::string Quote(std::string_view text) {
  if (text.size() <= kQuoteLimit) return std::string(text);
  return fmt::format("{}...", text.substr(0, kQuoteLimit));
}

Result<json::value> ParseJson(std::string_view text, std::string_view what) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) {
    return BadRequest(
        fmt::format("{} is not valid JSON ({}): {:?}", what, ec.message(), Quote(text)));
  }
  return value;
}

// The string at metadata.<field>, or null when absent / not a string.
const json::string* MetadataString(const json::object& object, std::string_view field) {
  const json::value* metadata = object.if_contains("metadata");
  if (metadata == nullptr || !metadata->is_object()) return nullptr;
  const json::value* value = metadata->as_object().if_contains(field);
  return value != nullptr && value->is_string() ? &value->as_string() : nullptr;
}

Status StatusFromObject(const json::object& object) {
  int code = 500;
  if (const json::value* c = object.if_contains("code"); c != nullptr && c->is_int64()) {
    code = static_cast<int>(c->as_int64());
  }
  std::string message = "watch ERROR event without a message";
  if (const json::value* m = object.if_contains("message"); m != nullptr && m->is_string()) {
    message = std::string(m->as_string());
  }
  std::string_view reason;
  if (const json::value* r = object.if_contains("reason"); r != nullptr && r->is_string()) {
    reason = r->as_string();
  }
  if (code < 400) code = 500;  // an ERROR event is an error whatever it says
  return Status(StatusCodeFor(code, reason), std::move(message));
}

}  // namespace

Result<WatchEvent> ParseWatchEvent(std::string_view line) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::value value, ParseJson(line, "watch event"));
  if (!value.is_object()) {
    return BadRequest(fmt::format("watch event is not a JSON object: {:?}", Quote(line)));
  }
  json::object& event = value.as_object();
  const json::value* type = event.if_contains("type");
  if (type == nullptr || !type->is_string()) {
    return BadRequest(fmt::format("watch event has no \"type\" string: {:?}", Quote(line)));
  }
  WatchEvent out;
  const std::string_view type_name = type->as_string();
  if (type_name == "ADDED") {
    out.type = WatchEventType::kAdded;
  } else if (type_name == "MODIFIED") {
    out.type = WatchEventType::kModified;
  } else if (type_name == "DELETED") {
    out.type = WatchEventType::kDeleted;
  } else if (type_name == "BOOKMARK") {
    out.type = WatchEventType::kBookmark;
  } else if (type_name == "ERROR") {
    out.type = WatchEventType::kError;
  } else {
    return BadRequest(fmt::format(
        "watch event type {:?} is unknown (want ADDED, MODIFIED, DELETED, BOOKMARK or ERROR)",
        Quote(type_name)));
  }
  json::value* object = event.if_contains("object");
  if (object == nullptr || !object->is_object()) {
    return BadRequest(
        fmt::format("watch event {} has no \"object\" JSON object", std::string_view(type_name)));
  }
  out.object = std::move(object->as_object());
  if (out.type == WatchEventType::kError) {
    out.error = StatusFromObject(out.object);
    return out;
  }
  if (const json::string* rv = MetadataString(out.object, "resourceVersion");
      rv == nullptr || rv->empty()) {
    return BadRequest(fmt::format(
        "watch event {} has an object without metadata.resourceVersion (a non-empty string)",
        std::string_view(type_name)));
  }
  if (out.type != WatchEventType::kBookmark) {
    Result<std::string> key = ObjectKey(out.object);
    if (!key.ok()) {
      return BadRequest(
          fmt::format("watch event {}: {}", std::string_view(type_name), key.status().message()));
    }
  }
  return out;
}

Result<ListPage> ParseListPage(std::string_view body) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::value value, ParseJson(body, "list response"));
  if (!value.is_object()) {
    return BadRequest(fmt::format("list response is not a JSON object: {:?}", Quote(body)));
  }
  json::object& list = value.as_object();
  ListPage page;
  const json::string* rv = MetadataString(list, "resourceVersion");
  if (rv == nullptr || rv->empty()) {
    return BadRequest("list response has no metadata.resourceVersion (a non-empty string)");
  }
  page.resource_version = std::string(*rv);
  if (const json::string* token = MetadataString(list, "continue")) {
    page.continue_token = std::string(*token);
  }
  // Item kind and apiVersion from the list's, when it names them.
  std::string kind;
  if (const json::value* k = list.if_contains("kind"); k != nullptr && k->is_string()) {
    std::string_view list_kind = k->as_string();
    if (list_kind.size() > 4 && list_kind.ends_with("List")) {
      kind = std::string(list_kind.substr(0, list_kind.size() - 4));
    }
  }
  const json::value* api_version = list.if_contains("apiVersion");
  json::value* items = list.if_contains("items");
  if (items == nullptr || items->is_null()) return page;
  if (!items->is_array()) return BadRequest("list response's \"items\" is not an array");
  page.items.reserve(items->as_array().size());
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    json::value& item = items->as_array()[i];
    if (!item.is_object()) {
      return BadRequest(fmt::format("list response's items[{}] is not a JSON object", i));
    }
    json::object& object = item.as_object();
    if (!kind.empty() && !object.contains("kind")) object["kind"] = kind;
    if (api_version != nullptr && api_version->is_string() && !object.contains("apiVersion")) {
      object["apiVersion"] = *api_version;
    }
    page.items.push_back(std::move(object));
  }
  return page;
}

}  // namespace navigator::client
