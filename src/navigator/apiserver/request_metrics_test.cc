#include "navigator/apiserver/request_metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace navigator::apiserver {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

constexpr std::string_view kGroupVersion = "/apis/navigator.jetstack.io/v1alpha1";

http::Request Req(std::string method, std::string path, http::NameValues query = {},
                  http::NameValues headers = {}) {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  r.query = std::move(query);
  r.headers = std::move(headers);
  return r;
}

RequestLabels Resource(std::string verb, std::string resource, std::string subresource,
                       std::string scope) {
  return {std::move(verb),     "navigator.jetstack.io", "v1alpha1",
          std::move(resource), std::move(subresource),  std::move(scope)};
}

RequestLabels NonResource(std::string verb, std::string path) {
  return {std::move(verb), "", "", "", std::move(path), ""};
}

TEST(RequestLabelsTest, ResourceRequests) {
  const std::string ns = std::string(kGroupVersion) + "/namespaces/default/pilots";
  EXPECT_EQ(RequestLabelsFor(Req("GET", ns)), Resource("LIST", "pilots", "", "namespace"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", std::string(kGroupVersion) + "/pilots")),
            Resource("LIST", "pilots", "", "cluster"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", ns + "/p1")), Resource("GET", "pilots", "", "resource"));
  EXPECT_EQ(RequestLabelsFor(Req("HEAD", ns + "/p1")), Resource("GET", "pilots", "", "resource"));
  EXPECT_EQ(RequestLabelsFor(Req("HEAD", ns)), Resource("LIST", "pilots", "", "namespace"));
  EXPECT_EQ(RequestLabelsFor(Req("POST", ns)), Resource("POST", "pilots", "", "resource"));
  EXPECT_EQ(RequestLabelsFor(Req("PUT", ns + "/p1")), Resource("PUT", "pilots", "", "resource"));
  EXPECT_EQ(RequestLabelsFor(Req("PUT", ns + "/p1/status")),
            Resource("PUT", "pilots", "status", "resource"));
  EXPECT_EQ(RequestLabelsFor(
                Req("PATCH", ns + "/p1", {}, {{"Content-Type", "application/merge-patch+json"}})),
            Resource("PATCH", "pilots", "", "resource"));
  EXPECT_EQ(
      RequestLabelsFor(Req("PATCH", ns + "/p1", {},
                           {{"content-type", "application/apply-patch+yaml; charset=utf-8"}})),
      Resource("APPLY", "pilots", "", "resource"));
  EXPECT_EQ(RequestLabelsFor(Req("DELETE", ns + "/p1")),
            Resource("DELETE", "pilots", "", "resource"));
  EXPECT_EQ(RequestLabelsFor(Req("DELETE", ns)),
            Resource("DELETECOLLECTION", "pilots", "", "namespace"));
  EXPECT_EQ(RequestLabelsFor(
                Req("GET", std::string(kGroupVersion) + "/namespaces/x/elasticsearchclusters")),
            Resource("LIST", "elasticsearchclusters", "", "namespace"));
}

TEST(RequestLabelsTest, WatchQuery) {
  const std::string ns = std::string(kGroupVersion) + "/namespaces/default/cassandraclusters";
  for (const char* value : {"true", "1", "TRUE", "True"}) {
    EXPECT_EQ(RequestLabelsFor(Req("GET", ns, {{"watch", value}})).verb, "WATCH") << value;
  }
  for (const char* value : {"false", "0", "", "yes"}) {
    EXPECT_EQ(RequestLabelsFor(Req("GET", ns, {{"watch", value}})).verb, "LIST") << value;
  }
  EXPECT_EQ(RequestLabelsFor(Req("GET", ns + "/c1", {{"watch", "1"}})).verb, "WATCH");
  EXPECT_EQ(RequestLabelsFor(Req("POST", ns, {{"watch", "1"}})).verb, "POST");
}

TEST(RequestLabelsTest, NonResourceRequests) {
  EXPECT_EQ(RequestLabelsFor(Req("GET", "/healthz")), NonResource("GET", "/healthz"));
  EXPECT_EQ(RequestLabelsFor(Req("HEAD", "/readyz")), NonResource("GET", "/readyz"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", "/api/")), NonResource("GET", "/api"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", "/apis")), NonResource("GET", "/apis"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", "/apis/navigator.jetstack.io")),
            NonResource("GET", "/apis/navigator.jetstack.io"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", std::string(kGroupVersion))),
            NonResource("GET", std::string(kGroupVersion)));
  EXPECT_EQ(RequestLabelsFor(Req("GET", "/openapi/v3/apis/navigator.jetstack.io/v1alpha1")),
            NonResource("GET", "/openapi/v3/apis/navigator.jetstack.io/v1alpha1"));
  EXPECT_EQ(RequestLabelsFor(Req("GET", "/metrics")), NonResource("GET", "/metrics"));
  EXPECT_EQ(RequestLabelsFor(Req("POST", "/version")), NonResource("POST", "/version"));
}

TEST(RequestLabelsTest, UnservedRequestsShareOneLabelSet) {
  const RequestLabels other = NonResource("GET", "other");
  for (const std::string& path :
       {std::string("/"), std::string("/random/\xff/path"), std::string("/healthz/etcd"),
        std::string("/apis/other.group/v1/namespaces/x/pods"),
        std::string(kGroupVersion) + "/namespaces/x/unknowns",
        std::string("/apis/navigator.jetstack.io/v9/namespaces/x/pilots"),
        std::string(kGroupVersion) + "/namespaces/x/pilots/p/logs",
        std::string(kGroupVersion) + "/namespaces/x/pilots/p/status/extra",
        std::string(kGroupVersion) + "/namespaces/x",
        std::string("/apis/navigator.jetstack.io/v9")}) {
    EXPECT_EQ(RequestLabelsFor(Req("GET", path)), other) << path;
  }
  EXPECT_EQ(RequestLabelsFor(Req("BREW", "/coffee")), NonResource("other", "other"));
  EXPECT_EQ(RequestLabelsFor(Req("OPTIONS", "/healthz")), NonResource("other", "/healthz"));
}

class InstrumentHandlerTest : public ::testing::Test {
 protected:
  std::string Render() const { return registry_.Render(); }

  FakeClock clock_{FakeClock::TimePoint(std::chrono::seconds(1700000000))};
  metrics::Registry registry_;
  ApiserverMetrics metrics_{registry_};
};

TEST_F(InstrumentHandlerTest, CountsCodesAndTimesRequests) {
  http::Handler handler = InstrumentHandler(
      [this](const http::Request& request) {
        clock_.Advance(300ms);
        http::Response response;
        response.status = request.method == "POST" ? 201 : 404;
        return response;
      },
      metrics_, clock_);
  const std::string pilots = std::string(kGroupVersion) + "/namespaces/default/pilots";
  EXPECT_EQ(handler(Req("POST", pilots)).status, 201);
  EXPECT_EQ(handler(Req("GET", pilots + "/p")).status, 404);
  EXPECT_EQ(handler(Req("GET", pilots + "/p")).status, 404);

  const std::string text = Render();
  EXPECT_THAT(text, HasSubstr("apiserver_request_total{verb=\"POST\",group=\"navigator.jetstack."
                              "io\",version=\"v1alpha1\",resource=\"pilots\",subresource=\"\","
                              "scope=\"resource\",component=\"apiserver\",code=\"201\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("apiserver_request_total{verb=\"GET\",group=\"navigator.jetstack."
                              "io\",version=\"v1alpha1\",resource=\"pilots\",subresource=\"\","
                              "scope=\"resource\",component=\"apiserver\",code=\"404\"} 2\n"));
  const std::string get_labels =
      "{verb=\"GET\",group=\"navigator.jetstack.io\",version=\"v1alpha1\",resource=\"pilots\","
      "subresource=\"\",scope=\"resource\",component=\"apiserver\"";
  EXPECT_THAT(text, HasSubstr("apiserver_request_duration_seconds_bucket" + get_labels +
                              ",le=\"0.2\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("apiserver_request_duration_seconds_bucket" + get_labels +
                              ",le=\"0.4\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("apiserver_request_duration_seconds_sum" + get_labels + "} 0.6\n"));
  EXPECT_THAT(text, HasSubstr("apiserver_request_duration_seconds_count" + get_labels + "} 2\n"));
  EXPECT_THAT(text, HasSubstr(",le=\"60\"}"));
  EXPECT_THAT(text, Not(HasSubstr("apiserver_longrunning_requests{")));
}

TEST_F(InstrumentHandlerTest, AThrowingHandlerCountsAsA500) {
  http::Handler handler = InstrumentHandler(
      [](const http::Request&) -> http::Response { throw std::runtime_error("boom"); }, metrics_,
      clock_);
  EXPECT_THROW(handler(Req("GET", "/version")), std::runtime_error);
  EXPECT_THAT(Render(), HasSubstr("apiserver_request_total{verb=\"GET\",group=\"\",version=\"\","
                                  "resource=\"\",subresource=\"/version\",scope=\"\",component="
                                  "\"apiserver\",code=\"500\"} 1\n"));
}

class LongRunningTest : public InstrumentHandlerTest {
 protected:
  // A watch whose producer finishes on its `calls`-th call (or throws).
  http::Response Watch(int calls, bool throws = false) {
    http::Handler handler = InstrumentHandler(
        [calls, throws](const http::Request&) {
          http::Response response;
          auto made = std::make_shared<int>(0);
          response.stream = [calls, throws, made](http::ChunkSink& sink) {
            if (throws) throw std::runtime_error("producer failed");
            sink.Write("event\n");
            return ++*made < calls;
          };
          return response;
        },
        metrics_, clock_);
    return handler(
        Req("GET", std::string(kGroupVersion) + "/namespaces/default/pilots", {{"watch", "true"}}));
  }
  double Watching() {
    return metrics_.LongRunning(Resource("WATCH", "pilots", "", "namespace")).Value();
  }
};

TEST_F(LongRunningTest, CountsAStreamUntilItsProducerFinishes) {
  http::Response response = Watch(2);
  ASSERT_TRUE(response.stream);
  EXPECT_EQ(Watching(), 1);
  EXPECT_THAT(Render(), HasSubstr("apiserver_request_total{verb=\"WATCH\""));
  http::ChunkSink sink;
  EXPECT_TRUE(response.stream(sink));
  EXPECT_EQ(Watching(), 1);
  EXPECT_FALSE(response.stream(sink));
  EXPECT_EQ(Watching(), 0);
  response = http::Response();  // destroying it does not decrement again
  EXPECT_EQ(Watching(), 0);
}

TEST_F(LongRunningTest, CountsAStreamUntilItIsDestroyed) {
  {
    http::Response first = Watch(100);
    http::Response second = Watch(100);
    http::StreamProducer copy = second.stream;  // copies share one guard
    EXPECT_EQ(Watching(), 2);
    first = http::Response();
    EXPECT_EQ(Watching(), 1);
    second = http::Response();
    EXPECT_EQ(Watching(), 1);  // `copy` still holds the stream
  }
  EXPECT_EQ(Watching(), 0);
}

TEST_F(LongRunningTest, AThrowingProducerEndsTheCount) {
  http::Response response = Watch(100, /*throws=*/true);
  EXPECT_EQ(Watching(), 1);
  http::ChunkSink sink;
  EXPECT_THROW(response.stream(sink), std::runtime_error);
  EXPECT_EQ(Watching(), 0);
}

TEST_F(InstrumentHandlerTest, WatchMethods) {
  metrics_.WatcherAdded("Pilot");
  metrics_.WatcherAdded("Pilot");
  metrics_.WatcherRemoved("Pilot");
  metrics_.WatchEventSent("Pilot", 1500);
  metrics_.WatchEventSent("Pilot", 200000);
  const std::string labels = "{group=\"navigator.jetstack.io\",version=\"v1alpha1\",kind=\"Pilot\"";
  const std::string text = Render();
  EXPECT_THAT(text, HasSubstr("apiserver_registered_watchers" + labels + "} 1\n"));
  EXPECT_THAT(text, HasSubstr("apiserver_watch_events_total" + labels + "} 2\n"));
  EXPECT_THAT(text,
              HasSubstr("apiserver_watch_events_sizes_bucket" + labels + ",le=\"1024\"} 0\n"));
  EXPECT_THAT(text,
              HasSubstr("apiserver_watch_events_sizes_bucket" + labels + ",le=\"2048\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("apiserver_watch_events_sizes_bucket" + labels + ",le=\"131072\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("apiserver_watch_events_sizes_bucket" + labels + ",le=\"+Inf\"} 2\n"));
}

TEST_F(InstrumentHandlerTest, MetricsResponse) {
  metrics_.WatcherAdded("Pilot");
  const http::Response response = MetricsResponse(registry_);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_THAT(response.body, HasSubstr("# TYPE apiserver_registered_watchers gauge\n"));
}

}  // namespace
}  // namespace navigator::apiserver
