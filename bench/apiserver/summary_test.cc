#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bench/apiserver/summary_machine.h"
#include "bench/apiserver/summary_results.h"
#include "bench/apiserver/summary_table.h"
#include "bench/apiserver/summary_targets.h"

namespace navigator::bench {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// One run at 1 and 32 clients, as the load generator prints it (keys it
// adds beyond those read are ignored; null for what does not apply).
constexpr std::string_view kRun = R"(
{"schema":1,"target":"etcd","op":"create","clients":32,"ops":30000,"errors":0,"conflicts":0,"seconds":3,"ops_per_sec":10000,"p50_ms":2,"p90_ms":3,"p99_ms":5,"max_ms":9,"server_cpu_seconds_per_1000":0.05,"server_rss_bytes":null,"server_rss_peak_bytes":null,"value_bytes":600,"objects":null,"watchers":null,"events_expected":null,"events_delivered":null,"events_complete":null,"mix":null}
{"schema":1,"target":"navigator","op":"create","clients":1,"ops":900,"errors":0,"conflicts":0,"seconds":3,"ops_per_sec":300,"p50_ms":3,"p90_ms":4,"p99_ms":6.5,"max_ms":20}
{"schema":1,"target":"navigator","op":"create","clients":32,"ops":24000,"errors":0,"seconds":3,"ops_per_sec":8000,"p99_ms":12.25,"server_cpu_seconds_per_1000":0.4,"server_rss_peak_bytes":104857600}
{"schema":1,"target":"kube-apiserver","op":"create","clients":32,"ops":6000,"errors":0,"seconds":3,"ops_per_sec":2000,"p99_ms":40,"server_cpu_seconds_per_1000":2.5}
{"schema":1,"target":"navigator","op":"update","clients":32,"ops":15000,"errors":0,"seconds":3,"ops_per_sec":5000,"p99_ms":30}
{"schema":1,"target":"kube-apiserver","op":"update","clients":32,"ops":9000,"errors":0,"seconds":3,"ops_per_sec":3000,"p99_ms":50}
{"schema":1,"target":"etcd","op":"update","clients":32,"ops":21000,"errors":0,"seconds":3,"ops_per_sec":7000,"p99_ms":8}
{"schema":1,"target":"navigator","op":"update-status","clients":32,"ops":15000,"errors":0,"seconds":3,"ops_per_sec":5000,"p99_ms":10}
{"schema":1,"target":"kube-apiserver","op":"update-status","clients":32,"ops":9000,"errors":0,"seconds":3,"ops_per_sec":3000,"p99_ms":50}
{"schema":1,"target":"navigator","op":"get","clients":32,"ops":90000,"errors":2,"seconds":3,"ops_per_sec":30000,"p99_ms":2}
{"schema":1,"target":"kube-apiserver","op":"get","clients":32,"ops":30000,"errors":0,"seconds":3,"ops_per_sec":10000,"p99_ms":9}

{"schema":1,"target":"navigator","op":"watch","clients":4,"ops":100,"errors":0,"seconds":1,"ops_per_sec":100,"p50_ms":1,"p90_ms":2,"p99_ms":3,"max_ms":4,"watchers":1000,"events_expected":100000,"events_delivered":100000,"events_complete":true}
)";

constexpr std::string_view kResident = R"(
{"target":"navigator","op":"create","clients":32,"ops":10000,"errors":0,"ops_per_sec":5000,"server_rss_bytes":52428800,"server_rss_peak_bytes":62914560}
{"target":"kube-apiserver","op":"create","clients":32,"ops":10000,"errors":0,"ops_per_sec":1000,"server_rss_bytes":314572800,"server_rss_peak_bytes":419430400}
)";

BenchReport Report() {
  BenchReport report;
  Result<std::vector<PhaseResult>> phases = ParsePhaseResults(kRun);
  EXPECT_TRUE(phases.ok()) << phases.status().ToString();
  if (phases.ok()) report.phases = std::move(*phases);
  Result<std::vector<PhaseResult>> resident = ParsePhaseResults(kResident);
  EXPECT_TRUE(resident.ok()) << resident.status().ToString();
  if (resident.ok()) report.resident = std::move(*resident);
  report.machine = ParseMachineInfo("processor\t: 0\nmodel name\t: Test CPU @ 2.00GHz\n",
                                    "MemTotal:        8388608 kB\nMemFree: 1 kB\n", 2);
  report.command = "bench/apiserver/run.sh --short";
  return report;
}

TEST(BenchSummaryTest, ParsesEveryLineAndKeepsNulls) {
  Result<std::vector<PhaseResult>> phases = ParsePhaseResults(kRun);
  ASSERT_TRUE(phases.ok()) << phases.status().ToString();
  ASSERT_EQ(phases->size(), 12u);
  const PhaseResult& etcd = (*phases)[0];
  EXPECT_EQ(etcd.target, "etcd");
  EXPECT_EQ(etcd.clients, 32);
  EXPECT_EQ(etcd.ops_per_sec, 10000);
  EXPECT_EQ(etcd.p99_ms, 5);
  EXPECT_FALSE(etcd.server_rss_bytes.has_value());
  EXPECT_FALSE(etcd.events_complete.has_value());
  EXPECT_EQ((*phases)[11].events_complete, true);
  EXPECT_EQ(FindPhase(*phases, "navigator", "create", 32)->ops, 24000);
  EXPECT_EQ(FindPhase(*phases, "navigator", "create", 8), nullptr);
}

TEST(BenchSummaryTest, MalformedLinesNameTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":1}\nnot json", "line 2: not a JSON object"},
      {"[1]", "line 1: not a JSON object"},
      {"{\"op\":\"get\",\"clients\":1}", "\"target\" must be a non-empty string"},
      {"{\"target\":\"\",\"op\":\"get\",\"clients\":1}", "\"target\" must be"},
      {"{\"target\":\"a\",\"op\":7,\"clients\":1}", "\"op\" must be"},
      {"{\"target\":\"a\",\"op\":\"get\"}", "\"clients\" must be a positive integer"},
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":0}", "\"clients\" must be a positive"},
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":1.5}", "\"clients\" must be an integer"},
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":1,\"p99_ms\":\"3\"}",
       "\"p99_ms\" must be a number or null, not \"3\""},
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":1,\"ops\":18446744073709551615}",
       "\"ops\" must be an integer"},
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":1,\"events_complete\":1}",
       "\"events_complete\" must be a boolean"},
      {"{\"target\":\"a\",\"op\":\"get\",\"clients\":1", "not a JSON object"},
  };
  for (const Case& c : cases) {
    Result<std::vector<PhaseResult>> got = ParsePhaseResults(c.text);
    ASSERT_FALSE(got.ok()) << c.text;
    EXPECT_EQ(got.status().code(), StatusCode::kBadRequest);
    EXPECT_THAT(got.status().message(), HasSubstr(c.message)) << c.text;
  }
  EXPECT_TRUE(ParsePhaseResults("").ok());
  EXPECT_TRUE(ParsePhaseResults("\n  \r\n").ok());
}

TEST(BenchSummaryTest, TableHasRatiosPerOpAndConcurrency) {
  const std::string md = RenderMarkdown(Report());
  EXPECT_THAT(md, HasSubstr("Machine: 2 CPUs (Test CPU @ 2.00GHz), 8.0 GiB RAM.\n"));
  EXPECT_THAT(md, HasSubstr("Command: `bench/apiserver/run.sh --short`."));
  EXPECT_THAT(md, HasSubstr("| create | 1 | 300 | – | – | – | – | 6.50 | – | – |\n"));
  EXPECT_THAT(md, HasSubstr("| create | 32 | 8000 | 2000 | 10000 | 4.00× | 0.80× | 12.2 | 40.0 | "
                            "5.00 |\n"));
  EXPECT_THAT(md, HasSubstr("| get | 32 | 30000 (2 errors) | 10000 | – | 3.00× | – |"));
  // Ops keep the published order: create before get before update.
  EXPECT_LT(md.find("| create | 32"), md.find("| get | 32"));
  EXPECT_LT(md.find("| get | 32"), md.find("| update | 32"));
  EXPECT_THAT(md, HasSubstr("| navigator | 50 MiB | 60 MiB | 100 MiB | 0.40 | – | – | – |\n"));
  EXPECT_THAT(md, HasSubstr("| kube-apiserver | 300 MiB | 400 MiB | – | 2.50 | – | – | – |\n"));
  EXPECT_THAT(md, Not(HasSubstr("| etcd | "))) << "no memory row without memory data";
  EXPECT_THAT(md, HasSubstr("| navigator | 1000 | 4 | 100000 | 100000 | yes | 1.00 | 2.00 | "
                            "3.00 | 4.00 |\n"));
  EXPECT_THAT(md, HasSubstr("their numbers are not comparable"));
}

TEST(BenchSummaryTest, IssueTargetsMarkedMetOrNot) {
  const BenchReport r = Report();
  const std::vector<TargetCheck> checks = CheckIssueTargets(r.phases, r.resident);
  ASSERT_EQ(checks.size(), 9u);
  EXPECT_EQ(checks[0].verdict, Verdict::kMet);  // create 4× kube
  EXPECT_EQ(checks[0].measured, "4.00× (8000 vs 2000 ops/s)");
  EXPECT_EQ(checks[1].verdict, Verdict::kNotMet);  // update 1.67× kube
  EXPECT_EQ(checks[2].verdict, Verdict::kMet);     // create 0.8 of etcd
  EXPECT_EQ(checks[2].measured, "80.0 % (8000 vs 10000 ops/s)");
  EXPECT_EQ(checks[3].verdict, Verdict::kMet);          // update 5000 / 7000 = 0.71 of etcd
  EXPECT_EQ(checks[4].verdict, Verdict::kNotMeasured);  // get had errors
  EXPECT_EQ(checks[5].verdict, Verdict::kNotMeasured);  // no list-1000
  EXPECT_EQ(checks[6].verdict, Verdict::kNotMet);       // update p99 30 vs 50
  EXPECT_EQ(checks[6].measured,
            "create 12.2 vs 40.0 ms; update 30.0 vs 50.0 ms; update-status 10.0 vs 50.0 ms");
  EXPECT_EQ(checks[7].verdict, Verdict::kMet);  // 60 MiB vs 400 MiB
  EXPECT_EQ(checks[8].verdict, Verdict::kMet);  // 1000 watchers, p99 3 ms
  const std::string md = RenderMarkdown(r);
  EXPECT_THAT(md, HasSubstr("| create throughput ≥ 2× kube-apiserver CRD at 32 clients | "
                            "4.00× (8000 vs 2000 ops/s) | met |\n"));
  EXPECT_THAT(md, HasSubstr("| not measured |\n"));
}

TEST(BenchSummaryTest, MachineInfoToleratesMissingFields) {
  const MachineInfo m = ParseMachineInfo("", "MemTotal: lots", 0);
  EXPECT_EQ(m.model, "");
  EXPECT_EQ(m.memory_bytes, 0);
  EXPECT_EQ(DescribeMachine(m), "0 CPUs (unknown model), 0.0 GiB RAM");
  EXPECT_GT(ReadMachineInfo().cpus, 0);
}

}  // namespace
}  // namespace navigator::bench
