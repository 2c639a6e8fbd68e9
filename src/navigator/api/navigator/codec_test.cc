#include "navigator/api/navigator/codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace navigator::api {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadTestdata(const std::string& name) {
  std::ifstream in(std::string(NAVIGATOR_TESTDATA_DIR) + "/" + name);
  EXPECT_TRUE(in) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

template <typename T>
void ExpectGoldenRoundTrip(const std::string& base) {
  auto decoded = DecodeObject<T>(ReadTestdata(base + ".request.json"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  std::string encoded = boost::json::serialize(EncodeObject(decoded->object));
  EXPECT_EQ(encoded, ReadTestdata(base + ".stored.json"));

  // What is stored decodes to the same object and encodes byte for byte the same.
  auto again = DecodeObject<T>(encoded);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->object, decoded->object);
  EXPECT_EQ(boost::json::serialize(EncodeObject(again->object)), encoded);
}

TEST(CodecGoldenTest, ElasticsearchQuickStart) {
  ExpectGoldenRoundTrip<ElasticsearchCluster>("es-cluster-demo");
}
TEST(CodecGoldenTest, CassandraQuickStart) {
  ExpectGoldenRoundTrip<CassandraCluster>("cassandra-cluster");
}
TEST(CodecGoldenTest, PilotWithOwnerReference) {
  ExpectGoldenRoundTrip<Pilot>("testpilot");
}

TEST(CodecTest, TheOriginalQuickStartsHaveNoUnknownFields) {
  auto decoded = DecodeObject<ElasticsearchCluster>(ReadTestdata("es-cluster-demo.request.json"));
  ASSERT_TRUE(decoded.ok());
  EXPECT_THAT(decoded->unknown_fields, ::testing::IsEmpty());
}

TEST(CodecTest, ReportsUnknownFieldsWithTheirPaths) {
  auto decoded = DecodeObject<Pilot>(
      R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot","metadata":{"name":"p",)"
      R"("nmae":"x"},"spec":{"replicas":1},"status":{"conditions":[{"type":"Ready","colour":1}]}})");
  ASSERT_TRUE(decoded.ok());
  EXPECT_THAT(decoded->unknown_fields,
              ElementsAre("metadata.nmae", "spec.replicas", "status.conditions[0].colour"));
}

TEST(CodecTest, ReportsDuplicateFieldsWhenAsked) {
  std::string body = R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot",
      "metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},"spec":{}})";
  auto decoded = DecodeObject<Pilot>(body, {.report_duplicates = true});
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_THAT(decoded->duplicate_fields, ElementsAre(".metadata.name", ".metadata.labels.x"));
  EXPECT_EQ(decoded->object.metadata.name, "b");  // the last one wins, as in Go
}

TEST(CodecTest, CassandraVersionIsEchoedVerbatimAndEsVersionNormalised) {
  auto cass = DecodeObject<CassandraCluster>(
      R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"CassandraCluster",
          "metadata":{"name":"c"},"spec":{"version":"3.11"}})");
  ASSERT_TRUE(cass.ok());
  EXPECT_THAT(boost::json::serialize(EncodeObject(cass->object)), HasSubstr(R"("version":"3.11")"));
}

TEST(CodecTest, MalformedVersionDecodesAndIsLeftForValidation) {
  auto es = DecodeObject<ElasticsearchCluster>(
      R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"ElasticsearchCluster",
          "metadata":{"name":"e"},"spec":{"version":5.6}})");
  ASSERT_TRUE(es.ok()) << es.status().ToString();
  EXPECT_FALSE(es->object.spec.version.parsed.has_value());
  EXPECT_FALSE(es->object.spec.version.received_string);
  EXPECT_EQ(es->object.spec.version.text, "5.6");
}

TEST(CodecTest, DefaultsApplyOnDecode) {
  auto cass = DecodeObject<CassandraCluster>(
      R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"CassandraCluster",
          "metadata":{"name":"c"},"spec":{"version":"3.11.4","pilotImage":{"repository":"r","tag":"t"},
          "nodePools":[{"name":"np"}]}})");
  ASSERT_TRUE(cass.ok());
  const auto& pool = cass->object.spec.node_pools.at(0);
  EXPECT_EQ(pool.replicas, 1);
  EXPECT_EQ(pool.rack, "np");
  EXPECT_EQ(pool.datacenter, kDefaultCassandraDatacenter);
  EXPECT_EQ(cass->object.spec.config.pilot_image.pull_policy, "IfNotPresent");
}

struct BadBody {
  std::string name;
  std::string body;
  std::string message;
};

class CodecRejectsTest : public ::testing::TestWithParam<BadBody> {};

TEST_P(CodecRejectsTest, WithAClearBadRequest) {
  auto decoded = DecodeObject<ElasticsearchCluster>(GetParam().body);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kBadRequest);
  EXPECT_THAT(decoded.status().message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    BadBodies, CodecRejectsTest,
    ::testing::Values(
        BadBody{"Empty", "", "malformed JSON"},
        BadBody{"Truncated", R"({"apiVersion":)", "malformed JSON"},
        BadBody{"TrailingGarbage", R"({} x)", "malformed JSON"},
        BadBody{"NotAnObject", R"([1,2])", "must be a JSON object"},
        BadBody{"WrongGroup", R"({"apiVersion":"apps/v1","kind":"ElasticsearchCluster"})",
                "apiVersion \"apps/v1\" is not served"},
        BadBody{"WrongVersion",
                R"({"apiVersion":"navigator.jetstack.io/v9","kind":"ElasticsearchCluster"})",
                "is not served"},
        BadBody{"WrongKind", R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"Pilot"})",
                "kind \"Pilot\" does not match the resource: expected \"ElasticsearchCluster\""},
        BadBody{"WrongFieldType",
                R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"ElasticsearchCluster",
                    "spec":{"nodePools":[{"name":"a","replicas":"three"}]}})",
                "spec.nodePools[0].replicas: expected an integer, got string"},
        BadBody{"ReplicasOutOfRange",
                R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"ElasticsearchCluster",
                    "spec":{"nodePools":[{"name":"a","replicas":4294967296}]}})",
                "spec.nodePools[0].replicas: number 4294967296 is out of range"},
        BadBody{"BadQuantity",
                R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"ElasticsearchCluster",
                    "spec":{"nodePools":[{"name":"a","persistence":{"size":"ten gigs"}}]}})",
                "spec.nodePools[0].persistence.size"},
        BadBody{"BadTimestamp",
                R"({"apiVersion":"navigator.jetstack.io/v1alpha1","kind":"ElasticsearchCluster",
                    "metadata":{"creationTimestamp":"yesterday"}})",
                "metadata.creationTimestamp: \"yesterday\" is not an RFC 3339 time"},
        BadBody{"TooDeep", std::string(200, '[') + std::string(200, ']'), "deeper than the limit"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace navigator::api
