#include "bench/informer/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <unordered_map>

namespace navigator::bench {

ClientResult Summarize(std::string name, const SyncedReport& synced, const DoneReport& done,
                       const std::vector<WriteAck>& acks) {
  ClientResult result{.name = std::move(name), .synced = synced};
  result.updates_written = static_cast<int64_t>(acks.size());
  if (synced.objects > 0) {
    const double objects = static_cast<double>(synced.objects);
    result.rss_per_object = static_cast<double>(synced.rss_after - synced.rss_before) / objects;
    result.heap_per_object = static_cast<double>(synced.heap_after - synced.heap_before) / objects;
  }
  std::unordered_map<std::string, int64_t> seen;
  for (const SeenUpdate& update : done.events)
    seen.emplace(update.resource_version, update.unix_ns);

  int64_t first_sent = std::numeric_limits<int64_t>::max();
  int64_t last_acked = 0;
  int64_t last_seen = 0;
  std::vector<double> ack_lags;
  std::vector<double> send_lags;
  for (const WriteAck& ack : acks) {
    first_sent = std::min(first_sent, ack.sent_ns);
    last_acked = std::max(last_acked, ack.acked_ns);
    auto found = seen.find(ack.resource_version);
    if (found == seen.end()) continue;
    ++result.updates_matched;
    last_seen = std::max(last_seen, found->second);
    ack_lags.push_back(static_cast<double>(found->second - ack.acked_ns) / 1e6);
    send_lags.push_back(static_cast<double>(found->second - ack.sent_ns) / 1e6);
  }
  if (!acks.empty() && last_acked > first_sent) {
    result.writes_per_second =
        static_cast<double>(acks.size()) / (static_cast<double>(last_acked - first_sent) / 1e9);
  }
  if (result.updates_matched > 0 && last_seen > first_sent) {
    result.events_per_second = static_cast<double>(result.updates_matched) /
                               (static_cast<double>(last_seen - first_sent) / 1e9);
  }
  result.ack_lag_p50_ms = Percentile(ack_lags, 0.50);
  result.ack_lag_p99_ms = Percentile(ack_lags, 0.99);
  result.send_lag_p50_ms = Percentile(send_lags, 0.50);
  result.send_lag_p99_ms = Percentile(send_lags, 0.99);
  return result;
}

ClientResult MedianOfRounds(const std::vector<ClientResult>& rounds) {
  auto median = [&](const std::function<double(const ClientResult&)>& get) {
    std::vector<double> values;
    for (const ClientResult& round : rounds) values.push_back(get(round));
    return Percentile(std::move(values), 0.5);
  };
  ClientResult out = rounds.front();
  out.updates_written = 0;
  out.updates_matched = 0;
  for (const ClientResult& round : rounds) {
    out.synced.objects = std::min(out.synced.objects, round.synced.objects);
    out.updates_written += round.updates_written;
    out.updates_matched += round.updates_matched;
  }
  out.synced.sync_seconds = median([](const ClientResult& r) { return r.synced.sync_seconds; });
  out.synced.rss_after = static_cast<int64_t>(
      median([](const ClientResult& r) { return static_cast<double>(r.synced.rss_after); }));
  out.rss_per_object = median([](const ClientResult& r) { return r.rss_per_object; });
  out.heap_per_object = median([](const ClientResult& r) { return r.heap_per_object; });
  out.writes_per_second = median([](const ClientResult& r) { return r.writes_per_second; });
  out.events_per_second = median([](const ClientResult& r) { return r.events_per_second; });
  out.ack_lag_p50_ms = median([](const ClientResult& r) { return r.ack_lag_p50_ms; });
  out.ack_lag_p99_ms = median([](const ClientResult& r) { return r.ack_lag_p99_ms; });
  out.send_lag_p50_ms = median([](const ClientResult& r) { return r.send_lag_p50_ms; });
  out.send_lag_p99_ms = median([](const ClientResult& r) { return r.send_lag_p99_ms; });
  return out;
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(fraction * static_cast<double>(values.size()));
  const size_t index = static_cast<size_t>(std::clamp(rank, 1.0, double(values.size()))) - 1;
  return values[index];
}

std::string FormatTable(const std::vector<ClientResult>& results) {
  struct Row {
    std::string measure;
    std::function<double(const ClientResult&)> value;
    int decimals;
  };
  const std::vector<Row> rows = {
      {"objects in the store", [](const ClientResult& r) { return double(r.synced.objects); }, 0},
      {"sync time (s)", [](const ClientResult& r) { return r.synced.sync_seconds; }, 2},
      {"RSS growth per object (bytes)", [](const ClientResult& r) { return r.rss_per_object; }, 0},
      {"heap growth per object (bytes)", [](const ClientResult& r) { return r.heap_per_object; },
       0},
      {"RSS after sync (MiB)",
       [](const ClientResult& r) { return double(r.synced.rss_after) / (1 << 20); }, 1},
      {"updates seen / written (%)",
       [](const ClientResult& r) {
         return r.updates_written == 0 ? 100.0 : 100.0 * r.updates_matched / r.updates_written;
       },
       1},
      {"writer rate (updates/s)", [](const ClientResult& r) { return r.writes_per_second; }, 0},
      {"watch throughput (events/s)", [](const ClientResult& r) { return r.events_per_second; }, 0},
      {"lag from ack p50 (ms)", [](const ClientResult& r) { return r.ack_lag_p50_ms; }, 2},
      {"lag from ack p99 (ms)", [](const ClientResult& r) { return r.ack_lag_p99_ms; }, 2},
      {"lag from send p50 (ms)", [](const ClientResult& r) { return r.send_lag_p50_ms; }, 2},
      {"lag from send p99 (ms)", [](const ClientResult& r) { return r.send_lag_p99_ms; }, 2},
  };
  std::string out = "| measure |";
  std::string rule = "| --- |";
  for (const ClientResult& r : results) {
    out += fmt::format(" {} |", r.name);
    rule += " ---: |";
  }
  for (size_t i = 1; i < results.size(); ++i) {
    out += fmt::format(" {} / {} |", results[0].name, results[i].name);
    rule += " ---: |";
  }
  out += "\n" + rule + "\n";
  for (const Row& row : rows) {
    out += fmt::format("| {} |", row.measure);
    for (const ClientResult& r : results)
      out += fmt::format(" {:.{}f} |", row.value(r), row.decimals);
    for (size_t i = 1; i < results.size(); ++i) {
      const double base = row.value(results[i]);
      out +=
          base == 0 ? std::string(" - |") : fmt::format(" {:.2f} |", row.value(results[0]) / base);
    }
    out += "\n";
  }
  return out;
}

}  // namespace navigator::bench
