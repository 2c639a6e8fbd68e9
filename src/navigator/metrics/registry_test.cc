#include "navigator/metrics/registry.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace navigator::metrics {
namespace {

TEST(RegistryTest, RendersGoldenText) {
  Registry registry;
  auto& requests = registry.Counter("http_requests_total", "Requests served.", {"code", "verb"});
  requests.WithLabels({"200", "GET"}).Inc();
  requests.WithLabels({"200", "GET"}).Add(2);
  requests.WithLabels({"404", "GET"}).Inc();
  requests.WithLabels({"200", "DELETE"}).Inc();
  auto& up = registry.Gauge("aa_up", "Whether it is up.");
  up.WithLabels({}).Set(1);
  auto& latency =
      registry.Histogram("latency_seconds", "Latency.", {"verb"}, {0.5, 0.1, 1});  // unsorted
  latency.WithLabels({"GET"}).Observe(0.05);
  latency.WithLabels({"GET"}).Observe(0.1);  // le is inclusive
  latency.WithLabels({"GET"}).Observe(0.7);
  latency.WithLabels({"GET"}).Observe(3);

  EXPECT_EQ(registry.Render(),
            "# HELP aa_up Whether it is up.\n"
            "# TYPE aa_up gauge\n"
            "aa_up 1\n"
            "# HELP http_requests_total Requests served.\n"
            "# TYPE http_requests_total counter\n"
            "http_requests_total{code=\"200\",verb=\"DELETE\"} 1\n"
            "http_requests_total{code=\"200\",verb=\"GET\"} 3\n"
            "http_requests_total{code=\"404\",verb=\"GET\"} 1\n"
            "# HELP latency_seconds Latency.\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{verb=\"GET\",le=\"0.1\"} 2\n"
            "latency_seconds_bucket{verb=\"GET\",le=\"0.5\"} 2\n"
            "latency_seconds_bucket{verb=\"GET\",le=\"1\"} 3\n"
            "latency_seconds_bucket{verb=\"GET\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{verb=\"GET\"} 3.85\n"
            "latency_seconds_count{verb=\"GET\"} 4\n");
}

TEST(RegistryTest, UnlabelledMetricsRenderAtZeroAndEmptyVecsNotAtAll) {
  Registry registry;
  registry.Counter("c_total", "C.");
  registry.Gauge("g", "G.", {"kind"});
  registry.Histogram("h", "H.", {}, {1});
  EXPECT_EQ(registry.Render(),
            "# HELP c_total C.\n"
            "# TYPE c_total counter\n"
            "c_total 0\n"
            "# HELP h H.\n"
            "# TYPE h histogram\n"
            "h_bucket{le=\"1\"} 0\n"
            "h_bucket{le=\"+Inf\"} 0\n"
            "h_sum 0\n"
            "h_count 0\n");
}

TEST(RegistryTest, EscapesLabelValuesAndHelp) {
  Registry registry;
  auto& vec = registry.Gauge("g", "Help with \\ and\nnewline.", {"path"});
  vec.WithLabels({"C:\\dir \"quoted\"\nnext"}).Set(2);
  EXPECT_EQ(registry.Render(),
            "# HELP g Help with \\\\ and\\nnewline.\n"
            "# TYPE g gauge\n"
            "g{path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 2\n");
}

TEST(RegistryTest, SameRegistrationReturnsTheSameFamily) {
  Registry registry;
  CounterVec& a = registry.Counter("x_total", "X.", {"a"});
  CounterVec& b = registry.Counter("x_total", "Other help.", {"a"});
  EXPECT_EQ(&a, &b);
  a.WithLabels({"1"}).Inc();
  EXPECT_EQ(b.WithLabels({"1"}).Value(), 1);
  HistogramVec& h1 = registry.Histogram("h", "H.", {}, {1, 2});
  HistogramVec& h2 = registry.Histogram("h", "H.", {}, {2, 1});
  EXPECT_EQ(&h1, &h2);
}

TEST(RegistryTest, ConflictingOrInvalidRegistrationsWorkButAreNotRendered) {
  Registry registry;
  registry.Counter("x_total", "X.", {"a"}).WithLabels({"1"}).Inc();
  // Same name, other type / labels / buckets.
  registry.Gauge("x_total", "X.", {"a"}).WithLabels({"1"}).Set(5);
  registry.Counter("x_total", "X.", {"b"}).WithLabels({"1"}).Inc();
  registry.Histogram("h", "H.", {}, {1}).WithLabels({}).Observe(1);
  registry.Histogram("h", "H.", {}, {2}).WithLabels({}).Observe(1);
  // Invalid names.
  registry.Counter("bad-name", "B.").WithLabels({}).Inc();
  registry.Counter("c_total", "C.", {"__x"}).WithLabels({"1"}).Inc();
  registry.Counter("d_total", "D.", {"a", "a"}).WithLabels({"1", "2"}).Inc();
  registry.Histogram("e", "E.", {"le"}, {1}).WithLabels({"1"}).Observe(1);
  const std::string text = registry.Render();
  EXPECT_EQ(text,
            "# HELP h H.\n"
            "# TYPE h histogram\n"
            "h_bucket{le=\"1\"} 1\n"
            "h_bucket{le=\"+Inf\"} 1\n"
            "h_sum 1\n"
            "h_count 1\n"
            "# HELP x_total X.\n"
            "# TYPE x_total counter\n"
            "x_total{a=\"1\"} 1\n");
}

TEST(RegistryTest, WrongNumberOfLabelValuesIsPaddedOrTruncated) {
  Registry registry;
  auto& vec = registry.Counter("x_total", "X.", {"a", "b"});
  vec.WithLabels({"1"}).Inc();
  vec.WithLabels({"1", "2", "3"}).Inc();
  EXPECT_EQ(registry.Render(),
            "# HELP x_total X.\n"
            "# TYPE x_total counter\n"
            "x_total{a=\"1\",b=\"\"} 1\n"
            "x_total{a=\"1\",b=\"2\"} 1\n");
}

TEST(RegistryTest, CounterIgnoresNegativeAdds) {
  Registry registry;
  Counter& c = registry.Counter("x_total", "X.").WithLabels({});
  c.Add(2.5);
  c.Add(-1);
  c.Add(std::nan(""));
  EXPECT_EQ(c.Value(), 2.5);
}

TEST(RegistryTest, GaugeSetIncDec) {
  Registry registry;
  Gauge& g = registry.Gauge("g", "G.").WithLabels({});
  g.Set(3);
  g.Inc();
  g.Dec();
  g.Dec();
  g.Add(0.5);
  EXPECT_EQ(g.Value(), 2.5);
}

TEST(RegistryTest, CollectedFamiliesAreMergedInNameOrder) {
  Registry registry;
  registry.Counter("b_total", "B.").WithLabels({}).Inc();
  registry.AddCollector([](std::vector<CollectedFamily>& out) {
    out.push_back({"c", "C.", MetricType::kGauge, {"x"}, {{{"2"}, 2}, {{"1"}, 1}}});
    out.push_back({"a_total", "A.", MetricType::kCounter, {}, {{{}, 7}}});
    // Dropped: the name is registered, a repeat, invalid, a histogram.
    out.push_back({"b_total", "Dup.", MetricType::kCounter, {}, {{{}, 1}}});
    out.push_back({"a_total", "Dup.", MetricType::kCounter, {}, {{{}, 1}}});
    out.push_back({"bad name", "Bad.", MetricType::kGauge, {}, {{{}, 1}}});
    out.push_back({"hist", "H.", MetricType::kHistogram, {}, {{{}, 1}}});
    // A sample with the wrong number of labels is dropped alone.
    out.push_back({"d", "D.", MetricType::kGauge, {"x"}, {{{}, 1}, {{"ok"}, 4}}});
  });
  EXPECT_EQ(registry.Render(),
            "# HELP a_total A.\n"
            "# TYPE a_total counter\n"
            "a_total 7\n"
            "# HELP b_total B.\n"
            "# TYPE b_total counter\n"
            "b_total 1\n"
            "# HELP c C.\n"
            "# TYPE c gauge\n"
            "c{x=\"1\"} 1\n"
            "c{x=\"2\"} 2\n"
            "# HELP d D.\n"
            "# TYPE d gauge\n"
            "d{x=\"ok\"} 4\n");
}

TEST(RegistryTest, ACollectorMayUseTheRegistry) {
  Registry registry;
  registry.AddCollector([&registry](std::vector<CollectedFamily>&) {
    registry.Gauge("seen_by_collector", "S.").WithLabels({}).Inc();
  });
  registry.Render();
  EXPECT_NE(registry.Render().find("seen_by_collector 2"), std::string::npos);
}

TEST(RegistryTest, ManyThreadsIncrementingAndRendering) {
  Registry registry;
  auto& counters = registry.Counter("ops_total", "Ops.", {"worker"});
  auto& gauge = registry.Gauge("level", "Level.");
  auto& histogram = registry.Histogram("size", "Size.", {}, {10, 100});
  constexpr int kThreads = 8;
  constexpr int kIterations = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Counter& mine = counters.WithLabels({std::to_string(t % 2)});
      for (int i = 0; i < kIterations; ++i) {
        mine.Inc();
        counters.WithLabels({"shared"}).Inc();
        gauge.WithLabels({}).Inc();
        gauge.WithLabels({}).Dec();
        histogram.WithLabels({}).Observe(i % 200);
      }
    });
  }
  threads.emplace_back([&] {
    for (int i = 0; i < 50; ++i) EXPECT_FALSE(registry.Render().empty());
  });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counters.WithLabels({"0"}).Value(), kThreads / 2 * kIterations);
  EXPECT_EQ(counters.WithLabels({"1"}).Value(), kThreads / 2 * kIterations);
  EXPECT_EQ(counters.WithLabels({"shared"}).Value(), kThreads * kIterations);
  EXPECT_EQ(gauge.WithLabels({}).Value(), 0);
  const Histogram::Snapshot s = histogram.WithLabels({}).Read();
  EXPECT_EQ(s.count, static_cast<uint64_t>(kThreads * kIterations));
  // Per thread: i % 200 over 20000 iterations is 100 rounds of 0..199.
  EXPECT_EQ(s.cumulative[0], static_cast<uint64_t>(kThreads * 100 * 11));   // 0..10
  EXPECT_EQ(s.cumulative[1], static_cast<uint64_t>(kThreads * 100 * 101));  // 0..100
  EXPECT_EQ(s.sum, static_cast<double>(kThreads) * 100 * (199 * 200 / 2));
}

}  // namespace
}  // namespace navigator::metrics
