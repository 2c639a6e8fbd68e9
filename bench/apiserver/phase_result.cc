#include "bench/apiserver/phase_result.h"

#include <fmt/format.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace navigator::bench::loadgen {
namespace {

double Milliseconds(int64_t nanoseconds) {
  return static_cast<double>(nanoseconds) / 1e6;
}

// Writes `value` as JSON; floating point numbers in fmt's shortest
// round-trip form ("1.5", "2.0", "759.08", "1e-07") rather than Boost.JSON's
// exponent form ("1.5E0"), so the lines also read well.
void Write(const boost::json::value& value, std::string& out) {
  switch (value.kind()) {
    case boost::json::kind::double_: {
      // Always with a '.' or an exponent, so parsers read a double back.
      std::string number = fmt::format("{}", value.get_double());
      if (number.find_first_of(".e") == std::string::npos) number += ".0";
      out += number;
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string(key));
        out += ':';
        Write(item, out);
      }
      out += '}';
      return;
    }
    default:
      out += boost::json::serialize(value);
  }
}

template <typename T>
boost::json::value OrNull(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

}  // namespace

std::string PhaseResultJsonLine(const PhaseResult& r) {
  boost::json::object line;
  line["schema"] = kSchemaVersion;
  line["target"] = r.target;
  line["op"] = r.op;
  line["clients"] = r.clients;
  line["ops"] = r.ops;
  line["errors"] = r.errors;
  line["conflicts"] = r.conflicts;
  line["seconds"] = r.seconds;
  line["ops_per_sec"] = r.seconds > 0 ? static_cast<double>(r.ops) / r.seconds : 0.0;
  line["p50_ms"] = Milliseconds(r.latency.Percentile(0.50));
  line["p90_ms"] = Milliseconds(r.latency.Percentile(0.90));
  line["p99_ms"] = Milliseconds(r.latency.Percentile(0.99));
  line["max_ms"] = Milliseconds(r.latency.max());
  if (r.server_cpu_seconds && r.ops > 0) {
    line["server_cpu_seconds_per_1000"] =
        *r.server_cpu_seconds * 1000.0 / static_cast<double>(r.ops);
  } else {
    line["server_cpu_seconds_per_1000"] = nullptr;
  }
  line["server_rss_bytes"] = OrNull(r.server_rss_bytes);
  line["server_rss_peak_bytes"] = OrNull(r.server_rss_peak_bytes);
  line["value_bytes"] = r.value_bytes;
  line["objects"] = OrNull(r.objects);
  if (r.watch) {
    line["watchers"] = r.watch->watchers;
    line["events_expected"] = r.watch->events_expected;
    line["events_delivered"] = r.watch->events_delivered;
    line["events_complete"] = r.watch->complete;
  } else {
    line["watchers"] = nullptr;
    line["events_expected"] = nullptr;
    line["events_delivered"] = nullptr;
    line["events_complete"] = nullptr;
  }
  if (r.mix) {
    boost::json::object mix;
    for (const auto& [name, count] : *r.mix) mix[name] = count;
    line["mix"] = std::move(mix);
  } else {
    line["mix"] = nullptr;
  }
  std::string text;
  Write(line, text);
  return text;
}

}  // namespace navigator::bench::loadgen
