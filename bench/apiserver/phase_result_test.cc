#include "bench/apiserver/phase_result.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <vector>

namespace navigator::bench::loadgen {
namespace {

namespace json = boost::json;

const std::vector<std::string> kKeys = {"schema",
                                        "target",
                                        "op",
                                        "clients",
                                        "ops",
                                        "errors",
                                        "conflicts",
                                        "seconds",
                                        "ops_per_sec",
                                        "p50_ms",
                                        "p90_ms",
                                        "p99_ms",
                                        "max_ms",
                                        "server_cpu_seconds_per_1000",
                                        "server_rss_bytes",
                                        "server_rss_peak_bytes",
                                        "value_bytes",
                                        "objects",
                                        "watchers",
                                        "events_expected",
                                        "events_delivered",
                                        "events_complete",
                                        "mix"};

json::object Parse(const std::string& line) {
  EXPECT_EQ(line.find('\n'), std::string::npos);
  return json::parse(line).as_object();
}

TEST(PhaseResultTest, EveryKeyInSchemaOrderWithNullsForWhatDoesNotApply) {
  PhaseResult r;
  r.target = "navigator";
  r.op = "get";
  r.clients = 8;
  r.ops = 400;
  r.errors = 1;
  r.seconds = 2.0;
  for (int i = 1; i <= 100; ++i) r.latency.Record(i * 1'000'000);
  r.value_bytes = 1024;
  const json::object line = Parse(PhaseResultJsonLine(r));
  std::vector<std::string> keys;
  for (const auto& entry : line) keys.emplace_back(entry.key());
  EXPECT_EQ(keys, kKeys);
  EXPECT_EQ(line.at("schema").as_int64(), 1);
  EXPECT_EQ(line.at("target").as_string(), "navigator");
  EXPECT_EQ(line.at("op").as_string(), "get");
  EXPECT_EQ(line.at("clients").as_int64(), 8);
  EXPECT_EQ(line.at("ops").as_int64(), 400);
  EXPECT_EQ(line.at("errors").as_int64(), 1);
  EXPECT_EQ(line.at("conflicts").as_int64(), 0);
  EXPECT_DOUBLE_EQ(line.at("ops_per_sec").as_double(), 200.0);
  EXPECT_NEAR(line.at("p50_ms").as_double(), 50.0, 0.2);
  EXPECT_NEAR(line.at("p99_ms").as_double(), 99.0, 0.4);
  EXPECT_DOUBLE_EQ(line.at("max_ms").as_double(), 100.0);
  EXPECT_EQ(line.at("value_bytes").as_int64(), 1024);
  for (const char* null_key :
       {"server_cpu_seconds_per_1000", "server_rss_bytes", "server_rss_peak_bytes", "objects",
        "watchers", "events_expected", "events_delivered", "events_complete", "mix"}) {
    EXPECT_TRUE(line.at(null_key).is_null()) << null_key;
  }
}

TEST(PhaseResultTest, ServerUsageWatchAndMix) {
  PhaseResult r;
  r.target = "kube-apiserver";
  r.op = "watch";
  r.clients = 2;
  r.ops = 500;
  r.seconds = 1.0;
  r.server_cpu_seconds = 2.5;
  r.server_rss_bytes = 100 << 20;
  r.server_rss_peak_bytes = 120 << 20;
  r.objects = 1000;
  r.watch = WatchSummary{3, 1500, 1499, false};
  r.mix = std::map<std::string, int64_t>{{"get", 250}, {"update", 100}};
  const json::object line = Parse(PhaseResultJsonLine(r));
  EXPECT_DOUBLE_EQ(line.at("server_cpu_seconds_per_1000").as_double(), 5.0);
  EXPECT_EQ(line.at("server_rss_bytes").as_int64(), 100 << 20);
  EXPECT_EQ(line.at("server_rss_peak_bytes").as_int64(), 120 << 20);
  EXPECT_EQ(line.at("objects").as_int64(), 1000);
  EXPECT_EQ(line.at("watchers").as_int64(), 3);
  EXPECT_EQ(line.at("events_expected").as_int64(), 1500);
  EXPECT_EQ(line.at("events_delivered").as_int64(), 1499);
  EXPECT_FALSE(line.at("events_complete").as_bool());
  EXPECT_EQ(line.at("mix").at("get").as_int64(), 250);
  EXPECT_EQ(line.at("mix").at("update").as_int64(), 100);
}

TEST(PhaseResultTest, NothingMeasuredGivesZerosNotNaN) {
  PhaseResult r;
  r.target = "etcd";
  r.op = "create";
  r.server_cpu_seconds = 0.1;  // but no op succeeded
  const json::object line = Parse(PhaseResultJsonLine(r));
  EXPECT_DOUBLE_EQ(line.at("ops_per_sec").as_double(), 0.0);
  EXPECT_DOUBLE_EQ(line.at("p99_ms").as_double(), 0.0);
  EXPECT_TRUE(line.at("server_cpu_seconds_per_1000").is_null());
}

TEST(PhaseResultTest, NumbersAreWrittenPlainly) {
  PhaseResult r;
  r.target = "t\"x";  // escaped
  r.op = "get";
  r.ops = 3;
  r.seconds = 1.5;
  r.latency.Record(250'000);  // 0.25 ms
  const std::string line = PhaseResultJsonLine(r);
  EXPECT_NE(line.find(R"("seconds":1.5,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("ops_per_sec":2.0,)"), std::string::npos) << line;
  EXPECT_TRUE(Parse(line).at("ops_per_sec").is_double());
  EXPECT_TRUE(Parse(line).at("p50_ms").is_double());
  EXPECT_NE(line.find(R"("max_ms":0.25,)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("target":"t\"x")"), std::string::npos) << line;
  EXPECT_EQ(line.find('E'), std::string::npos) << line;
  EXPECT_EQ(Parse(line).at("target").as_string(), "t\"x");
}

}  // namespace
}  // namespace navigator::bench::loadgen
