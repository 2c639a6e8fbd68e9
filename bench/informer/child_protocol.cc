#include "bench/informer/child_protocol.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace navigator::bench {

namespace json = boost::json;

namespace {

Result<json::object> ParsePhase(std::string_view line, std::string_view phase) {
  boost::system::error_code error;
  json::value value = json::parse(line, error);
  if (error || !value.is_object()) {
    return BadRequest(
        fmt::format("measured client: expected a JSON object, got '{}'", line.substr(0, 200)));
  }
  json::object& object = value.as_object();
  const json::value* got = object.if_contains("phase");
  if (got == nullptr || !got->is_string() || got->as_string() != phase) {
    return BadRequest(
        fmt::format("measured client: expected phase '{}', got '{}'", phase, line.substr(0, 200)));
  }
  return std::move(object);
}

Result<int64_t> Int(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_number()) {
    return BadRequest(fmt::format("measured client: '{}' is missing or not a number", key));
  }
  boost::system::error_code error;
  const int64_t out = value->to_number<int64_t>(error);
  if (error) return BadRequest(fmt::format("measured client: '{}' is not an integer", key));
  return out;
}

}  // namespace

std::string SyncedLine(const SyncedReport& report) {
  return json::serialize(json::object{
      {"phase", "synced"},
      {"client", report.client},
      {"objects", report.objects},
      {"rss_before", report.rss_before},
      {"rss_after", report.rss_after},
      {"heap_before", report.heap_before},
      {"heap_after", report.heap_after},
      {"sync_seconds", report.sync_seconds},
  });
}

std::string DoneLine(const DoneReport& report) {
  json::array events;
  events.reserve(report.events.size());
  for (const SeenUpdate& seen : report.events) {
    events.push_back(json::array{json::string(seen.resource_version), seen.unix_ns});
  }
  return json::serialize(json::object{
      {"phase", "done"}, {"updates_seen", report.updates_seen}, {"events", std::move(events)}});
}

Result<SyncedReport> ParseSyncedLine(std::string_view line) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object object, ParsePhase(line, "synced"));
  SyncedReport report;
  if (const json::value* client = object.if_contains("client"); client && client->is_string()) {
    report.client = std::string(client->as_string());
  }
  NAVIGATOR_ASSIGN_OR_RETURN(report.objects, Int(object, "objects"));
  NAVIGATOR_ASSIGN_OR_RETURN(report.rss_before, Int(object, "rss_before"));
  NAVIGATOR_ASSIGN_OR_RETURN(report.rss_after, Int(object, "rss_after"));
  NAVIGATOR_ASSIGN_OR_RETURN(report.heap_before, Int(object, "heap_before"));
  NAVIGATOR_ASSIGN_OR_RETURN(report.heap_after, Int(object, "heap_after"));
  const json::value* seconds = object.if_contains("sync_seconds");
  if (seconds == nullptr || !seconds->is_number()) {
    return BadRequest("measured client: 'sync_seconds' is missing or not a number");
  }
  boost::system::error_code error;
  report.sync_seconds = seconds->to_number<double>(error);
  if (error) return BadRequest("measured client: 'sync_seconds' is not a number");
  return report;
}

Result<DoneReport> ParseDoneLine(std::string_view line) {
  NAVIGATOR_ASSIGN_OR_RETURN(json::object object, ParsePhase(line, "done"));
  DoneReport report;
  NAVIGATOR_ASSIGN_OR_RETURN(report.updates_seen, Int(object, "updates_seen"));
  const json::value* events = object.if_contains("events");
  if (events == nullptr || !events->is_array()) {
    return BadRequest("measured client: 'events' is missing or not an array");
  }
  for (const json::value& event : events->as_array()) {
    const json::array* pair = event.if_array();
    if (pair == nullptr || pair->size() != 2 || !pair->at(0).is_string() ||
        !pair->at(1).is_number()) {
      return BadRequest("measured client: an event is not [resourceVersion, unixNanos]");
    }
    boost::system::error_code error;
    const int64_t ns = pair->at(1).to_number<int64_t>(error);
    if (error) return BadRequest("measured client: an event's time is not an integer");
    report.events.push_back({std::string(pair->at(0).as_string()), ns});
  }
  return report;
}

}  // namespace navigator::bench
