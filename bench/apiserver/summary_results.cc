#include "bench/apiserver/summary_results.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace navigator::bench {
namespace {

namespace bj = boost::json;

Result<std::string> RequiredString(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->as_string().empty()) {
    return BadRequest(fmt::format("\"{}\" must be a non-empty string", key));
  }
  return std::string(v->as_string());
}

Result<std::optional<double>> OptionalNumber(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<double>();
  if (v->is_double()) return std::optional<double>(v->as_double());
  if (v->is_int64()) return std::optional<double>(static_cast<double>(v->as_int64()));
  if (v->is_uint64()) return std::optional<double>(static_cast<double>(v->as_uint64()));
  return BadRequest(fmt::format("\"{}\" must be a number or null, not {}", key, bj::serialize(*v)));
}

Result<std::optional<int64_t>> OptionalInteger(const bj::object& o, std::string_view key) {
  const bj::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<int64_t>();
  if (v->is_int64()) return std::optional<int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    return std::optional<int64_t>(static_cast<int64_t>(v->as_uint64()));
  }
  return BadRequest(
      fmt::format("\"{}\" must be an integer or null, not {}", key, bj::serialize(*v)));
}

Result<PhaseResult> ParseLine(std::string_view line) {
  boost::system::error_code ec;
  bj::value value = bj::parse(line, ec);
  if (ec || !value.is_object()) return BadRequest("not a JSON object");
  const bj::object& o = value.as_object();
  PhaseResult r;
  NAVIGATOR_ASSIGN_OR_RETURN(r.target, RequiredString(o, "target"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.op, RequiredString(o, "op"));
  NAVIGATOR_ASSIGN_OR_RETURN(std::optional<int64_t> clients, OptionalInteger(o, "clients"));
  if (!clients || *clients <= 0) return BadRequest("\"clients\" must be a positive integer");
  r.clients = *clients;
  NAVIGATOR_ASSIGN_OR_RETURN(std::optional<int64_t> ops, OptionalInteger(o, "ops"));
  r.ops = ops.value_or(0);
  NAVIGATOR_ASSIGN_OR_RETURN(std::optional<int64_t> errors, OptionalInteger(o, "errors"));
  r.errors = errors.value_or(0);
  NAVIGATOR_ASSIGN_OR_RETURN(std::optional<double> rate, OptionalNumber(o, "ops_per_sec"));
  r.ops_per_sec = rate.value_or(0);
  NAVIGATOR_ASSIGN_OR_RETURN(r.p50_ms, OptionalNumber(o, "p50_ms"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.p90_ms, OptionalNumber(o, "p90_ms"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.p99_ms, OptionalNumber(o, "p99_ms"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.max_ms, OptionalNumber(o, "max_ms"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.server_cpu_seconds_per_1000,
                             OptionalNumber(o, "server_cpu_seconds_per_1000"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.server_rss_bytes, OptionalInteger(o, "server_rss_bytes"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.server_rss_peak_bytes, OptionalInteger(o, "server_rss_peak_bytes"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.watchers, OptionalInteger(o, "watchers"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.events_expected, OptionalInteger(o, "events_expected"));
  NAVIGATOR_ASSIGN_OR_RETURN(r.events_delivered, OptionalInteger(o, "events_delivered"));
  if (const bj::value* v = o.if_contains("events_complete"); v != nullptr && !v->is_null()) {
    if (!v->is_bool()) return BadRequest("\"events_complete\" must be a boolean or null");
    r.events_complete = v->as_bool();
  }
  return r;
}

}  // namespace

Result<std::vector<PhaseResult>> ParsePhaseResults(std::string_view text) {
  std::vector<PhaseResult> out;
  size_t number = 0;
  while (!text.empty()) {
    ++number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    Result<PhaseResult> r = ParseLine(line);
    if (!r.ok()) {
      return BadRequest(fmt::format("line {}: {}", number, r.status().message()));
    }
    out.push_back(std::move(*r));
  }
  return out;
}

const PhaseResult* FindPhase(const std::vector<PhaseResult>& phases, std::string_view target,
                             std::string_view op, int64_t clients) {
  const PhaseResult* found = nullptr;
  for (const PhaseResult& p : phases) {
    if (p.target == target && p.op == op && (clients == 0 || p.clients == clients)) found = &p;
  }
  return found;
}

}  // namespace navigator::bench
