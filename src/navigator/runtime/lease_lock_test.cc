#include "navigator/runtime/lease_lock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/client/testing/fake_rest_client.h"

namespace navigator::runtime {
namespace {

namespace json = boost::json;
using namespace std::chrono;
using client::RestRequest;
using client::testing::FakeRestClient;
using ::testing::HasSubstr;

constexpr char kLeasePath[] = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/lock";

const api::MicroTime kT0 = api::MicroTime(sys_days(2026y / 11 / 26) + 4h) + 123456us;

std::string LeaseBody(std::string_view rv, std::string_view spec) {
  return std::string(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":)") +
         R"({"name":"lock","namespace":"kube-system","uid":"u-1","resourceVersion":")" +
         std::string(rv) + R"("},"spec":)" + std::string(spec) + "}";
}

TEST(DecodeLeaseTest, ReadsTheSpec) {
  Result<Lease> lease = DecodeLease(LeaseBody(
      "7",
      R"({"holderIdentity":"a","leaseDurationSeconds":15,"acquireTime":"2026-11-26T04:00:00.123456Z",
               "renewTime":"2026-11-26T04:00:01.123456Z","leaseTransitions":3,"strategy":"x"})"));
  ASSERT_TRUE(lease.ok()) << lease.status().ToString();
  EXPECT_EQ(lease->resource_version, "7");
  EXPECT_EQ(lease->uid, "u-1");
  EXPECT_EQ(lease->record, (LeaderElectionRecord{.holder_identity = "a",
                                                 .lease_duration_seconds = 15,
                                                 .acquire_time = kT0,
                                                 .renew_time = kT0 + 1s,
                                                 .lease_transitions = 3}));
}

TEST(DecodeLeaseTest, AbsentAndNullFieldsAreEmpty) {
  for (const char* spec : {"{}", "null", R"({"holderIdentity":null,"renewTime":null})"}) {
    Result<Lease> lease = DecodeLease(LeaseBody("1", spec));
    ASSERT_TRUE(lease.ok()) << spec << ": " << lease.status().ToString();
    EXPECT_EQ(lease->record, LeaderElectionRecord{}) << spec;
  }
}

TEST(DecodeLeaseTest, RefusesMalformedLeases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "malformed JSON"},
      {"[]", "not a JSON object"},
      {R"({"spec":{}})", "no metadata"},
      {R"({"metadata":{"name":"x"}})", "no metadata.resourceVersion"},
      {R"({"metadata":{"resourceVersion":7}})", "metadata.resourceVersion is not a string"},
      {LeaseBody("1", "[]"), "spec is not an object"},
      {LeaseBody("1", R"({"holderIdentity":5})"), "spec.holderIdentity is not a string"},
      {LeaseBody("1", R"({"leaseDurationSeconds":"15"})"),
       "spec.leaseDurationSeconds is not an integer"},
      {LeaseBody("1", R"({"leaseDurationSeconds":1.5})"),
       "spec.leaseDurationSeconds is not an integer"},
      {LeaseBody("1", R"({"leaseTransitions":4294967296})"),
       "spec.leaseTransitions is outside int32"},
      {LeaseBody("1", R"({"renewTime":"yesterday"})"), "spec.renewTime"},
      {LeaseBody("1", R"({"acquireTime":17})"), "spec.acquireTime is not a string"},
  };
  for (const auto& [body, message] : cases) {
    Result<Lease> lease = DecodeLease(body);
    ASSERT_FALSE(lease.ok()) << body;
    EXPECT_EQ(lease.status().code(), StatusCode::kBadRequest) << body;
    EXPECT_THAT(lease.status().message(), HasSubstr(message)) << body;
  }
}

TEST(EncodeLeaseSpecTest, WritesEveryFieldAsClientGo) {
  const json::object spec = EncodeLeaseSpec(LeaderElectionRecord{
      .holder_identity = "", .lease_duration_seconds = 1, .acquire_time = kT0, .renew_time = kT0});
  EXPECT_EQ(
      json::serialize(spec),
      R"({"holderIdentity":"","leaseDurationSeconds":1,"acquireTime":"2026-11-26T04:00:00.123456Z",)"
      R"("renewTime":"2026-11-26T04:00:00.123456Z","leaseTransitions":0})");
}

TEST(LeaseLockTest, GetCreateUpdate) {
  FakeRestClient client;
  std::string stored;
  client.SetDoHandler([&](const RestRequest& r) -> Result<std::string> {
    if (r.method == "GET") {
      if (stored.empty()) return NotFound("leases \"lock\" not found");
      return stored;
    }
    json::object body = json::parse(r.body).as_object();
    if (r.method == "POST") {
      EXPECT_EQ(r.path, "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases");
      EXPECT_EQ(body["metadata"].as_object()["name"], "lock");
      body["metadata"].as_object()["resourceVersion"] = "1";
    } else {
      EXPECT_EQ(r.method, "PUT");
      EXPECT_EQ(r.path, kLeasePath);
      const json::object old = json::parse(stored).as_object();
      if (body["metadata"].as_object()["resourceVersion"] !=
          old.at("metadata").as_object().at("resourceVersion")) {
        return Conflict("the object has been modified");
      }
      body["metadata"].as_object()["resourceVersion"] = "2";
    }
    stored = json::serialize(body);
    return stored;
  });

  LeaseLock lock(client, "kube-system", "lock");
  EXPECT_EQ(lock.Describe(), "kube-system/lock");
  EXPECT_EQ(lock.Update(LeaderElectionRecord{}).code(), StatusCode::kBadRequest);
  EXPECT_EQ(lock.Get().status().code(), StatusCode::kNotFound);
  const LeaderElectionRecord a{
      .holder_identity = "a", .lease_duration_seconds = 15, .acquire_time = kT0, .renew_time = kT0};
  ASSERT_TRUE(lock.Create(a).ok());
  Result<LeaderElectionRecord> got = lock.Get();
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, a);
  LeaderElectionRecord renewed = a;
  renewed.renew_time = kT0 + 2s;
  ASSERT_TRUE(lock.Update(renewed).ok());
  EXPECT_EQ(lock.Reference().resource_version, "2");
  EXPECT_EQ(*lock.Get(), renewed);

  // Someone else wrote meanwhile: our next update is conditional on "2".
  json::object other = json::parse(stored).as_object();
  other["metadata"].as_object()["resourceVersion"] = "3";
  stored = json::serialize(other);
  EXPECT_EQ(lock.Update(a).code(), StatusCode::kConflict);
}

TEST(LeaseLockTest, PassesServerErrorsThrough) {
  FakeRestClient client;
  client.SetDoHandler(
      [](const RestRequest&) -> Result<std::string> { return Unavailable("connection refused"); });
  LeaseLock lock(client, "ns", "name");
  EXPECT_EQ(lock.Get().status().code(), StatusCode::kServiceUnavailable);
  EXPECT_EQ(lock.Create(LeaderElectionRecord{}).code(), StatusCode::kServiceUnavailable);
  client.SetDoHandler([](const RestRequest&) -> Result<std::string> { return std::string("{}"); });
  EXPECT_EQ(lock.Get().status().code(), StatusCode::kBadRequest);
}

}  // namespace
}  // namespace navigator::runtime
