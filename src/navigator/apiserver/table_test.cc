#include "navigator/apiserver/table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "navigator/apiserver/output_conversion.h"

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;
using ::testing::HasSubstr;

const Clock::TimePoint kNow{std::chrono::seconds(1'700'000'000)};

api::ObjectMeta Meta(std::string name, int64_t age_seconds, std::string rv = "10") {
  api::ObjectMeta m;
  m.name = std::move(name);
  m.namespace_ = "default";
  m.resource_version = std::move(rv);
  m.creation_timestamp =
      api::Time{std::chrono::sys_seconds(std::chrono::seconds(1'700'000'000 - age_seconds))};
  return m;
}

api::ElasticsearchCluster Elasticsearch() {
  api::ElasticsearchCluster c;
  c.metadata = Meta("logs", 300);
  c.spec.version.text = "6.4.1";
  c.spec.plugins = {"repository-s3", "ingest-geoip"};
  c.spec.image = api::ImageSpec{"docker.elastic.co/elasticsearch/elasticsearch", "6.4.1", ""};
  api::ElasticsearchClusterNodePool master;
  master.name = "master";
  master.replicas = 3;
  api::ElasticsearchClusterNodePool data;
  data.name = "data";
  data.replicas = 2;
  c.spec.node_pools = {master, data};
  c.status.health = "Green";
  c.status.node_pools = {{"master", {3}}, {"data", {1}}, {"removed", {4}}};
  return c;
}

api::CassandraCluster Cassandra() {
  api::CassandraCluster c;
  c.metadata = Meta("ring", 3 * 86400 + 4 * 3600);
  c.spec.version.text = "3.11.2";
  api::CassandraClusterNodePool rack;
  rack.name = "ringnodes";
  rack.replicas = 3;
  c.spec.node_pools = {rack};
  return c;
}

api::Pilot ElasticsearchPilot() {
  api::Pilot p;
  p.metadata = Meta("es-logs-data-0", 90);
  p.metadata.labels = {{"navigator.jetstack.io/elasticsearch-cluster-name", "logs"},
                       {"navigator.jetstack.io/elasticsearch-node-pool-name", "data"}};
  p.status.conditions = {{"Ready", "True", std::nullopt, "", ""}};
  api::ElasticsearchPilotStatus es;
  es.documents = 0;
  es.version = api::VersionField<api::Semver>{"6.4.1", std::nullopt, true};
  p.status.elasticsearch = es;
  return p;
}

const char* const kEsColumns = R"([
  {"name":"Name","type":"string","format":"name","priority":0},
  {"name":"Version","type":"string","format":"","priority":0},
  {"name":"Health","type":"string","format":"","priority":0},
  {"name":"Ready","type":"string","format":"","priority":0},
  {"name":"Age","type":"string","format":"","priority":0},
  {"name":"Node Pools","type":"string","format":"","priority":1},
  {"name":"Image","type":"string","format":"","priority":1},
  {"name":"Plugins","type":"string","format":"","priority":1}])";

// The table without the column descriptions (checked separately).
bj::value WithoutDescriptions(bj::object table) {
  if (auto* columns = table["columnDefinitions"].if_array()) {
    for (auto& c : *columns) {
      EXPECT_FALSE(c.at("description").as_string().empty());
      c.as_object().erase("description");
    }
  }
  return table;
}

TEST(TableTest, ElasticsearchClusterList) {
  api::ListMeta list_meta;
  list_meta.resource_version = "99";
  list_meta.continue_ = "next";
  auto table = ToTable(std::vector{Elasticsearch()}, list_meta, TableOptions{}, kNow);
  const std::string want = std::string(R"({"kind":"Table","apiVersion":"meta.k8s.io/v1",
    "metadata":{"resourceVersion":"99","continue":"next"},
    "columnDefinitions":)") +
                           kEsColumns +
                           R"(,
    "rows":[{"cells":["logs","6.4.1","Green","4/5","5m","master,data",
                      "docker.elastic.co/elasticsearch/elasticsearch:6.4.1",
                      "repository-s3,ingest-geoip"],
             "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                       "metadata":{"name":"logs","namespace":"default","resourceVersion":"10",
                                   "creationTimestamp":"2023-11-14T22:08:20Z"}}}]})";
  EXPECT_EQ(WithoutDescriptions(table), bj::parse(want));
}

TEST(TableTest, ElasticsearchClusterDefaults) {
  api::ElasticsearchCluster c;
  c.metadata.name = "new";
  auto table = ToTable(c, TableOptions{}, kNow);
  EXPECT_EQ(table.at("rows").at(0).at("cells"),
            bj::parse(R"(["new","<none>","<unknown>","0/0","<unknown>","<none>","<default>",
                          "<none>"])"));
  EXPECT_EQ(table.at("metadata"), bj::object());  // no resourceVersion to carry
}

TEST(TableTest, CassandraClusterSingleObject) {
  TableOptions options;
  options.include = TableOptions::kNone;
  auto table = ToTable(Cassandra(), options, kNow);
  EXPECT_EQ(WithoutDescriptions(table), bj::parse(R"({"kind":"Table","apiVersion":"meta.k8s.io/v1",
    "metadata":{"resourceVersion":"10"},
    "columnDefinitions":[
      {"name":"Name","type":"string","format":"name","priority":0},
      {"name":"Version","type":"string","format":"","priority":0},
      {"name":"Ready","type":"string","format":"","priority":0},
      {"name":"Age","type":"string","format":"","priority":0},
      {"name":"Node Pools","type":"string","format":"","priority":1},
      {"name":"Image","type":"string","format":"","priority":1}],
    "rows":[{"cells":["ring","3.11.2","0/3","3d4h","ringnodes","<default>"]}]})"));
}

TEST(TableTest, PilotRows) {
  api::Pilot bare;
  bare.metadata = Meta("cass-ring-ringnodes-1", 7200);
  bare.metadata.labels = {{"navigator.jetstack.io/cluster-name", "ring"}};
  api::CassandraPilotStatus cass;
  cass.version = api::VersionField<api::LenientVersion>{"3.11", std::nullopt, true};
  bare.status.cassandra = cass;
  bare.status.conditions = {{"Started", "True", std::nullopt, "", ""},
                            {"Ready", "False", std::nullopt, "", ""}};
  api::Pilot orphan;
  orphan.metadata = Meta("orphan", 0);
  api::Pilot counting = ElasticsearchPilot();
  counting.status.elasticsearch->documents.reset();

  TableOptions options;
  options.include = TableOptions::kNone;
  auto table = ToTable(std::vector{ElasticsearchPilot(), bare, orphan, counting}, api::ListMeta{},
                       options, kNow);
  EXPECT_EQ(WithoutDescriptions(table), bj::parse(R"({"kind":"Table","apiVersion":"meta.k8s.io/v1",
    "metadata":{},
    "columnDefinitions":[
      {"name":"Name","type":"string","format":"name","priority":0},
      {"name":"Cluster","type":"string","format":"","priority":0},
      {"name":"Age","type":"string","format":"","priority":0},
      {"name":"Type","type":"string","format":"","priority":1},
      {"name":"Ready","type":"string","format":"","priority":1},
      {"name":"Version","type":"string","format":"","priority":1},
      {"name":"Documents","type":"string","format":"","priority":1}],
    "rows":[
      {"cells":["es-logs-data-0","logs","90s","Elasticsearch","True","6.4.1","0"]},
      {"cells":["cass-ring-ringnodes-1","ring","120m","Cassandra","False","3.11","<none>"]},
      {"cells":["orphan","<none>","0s","<unknown>","<unknown>","<unknown>","<none>"]},
      {"cells":["es-logs-data-0","logs","90s","Elasticsearch","True","6.4.1","<unknown>"]}]})"));
}

TEST(TableTest, IncludeObjectForms) {
  const api::ElasticsearchCluster es = Elasticsearch();
  TableOptions options;

  options.include = TableOptions::kMetadata;
  options.api_version = "meta.k8s.io/v1beta1";
  auto table = ToTable(es, options, kNow);
  EXPECT_EQ(table.at("apiVersion"), "meta.k8s.io/v1beta1");
  EXPECT_EQ(table.at("rows").at(0).at("object"),
            bj::value(ToPartialObjectMetadata(es.metadata, "meta.k8s.io/v1beta1")));

  options.include = TableOptions::kObject;
  table = ToTable(es, options, kNow);
  EXPECT_EQ(table.at("rows").at(0).at("object"), api::EncodeObject(es));
  EXPECT_EQ(table.at("rows").at(0).at("object").at("kind"), "ElasticsearchCluster");

  options.include = TableOptions::kNone;
  table = ToTable(es, options, kNow);
  EXPECT_FALSE(table.at("rows").at(0).as_object().contains("object"));
}

TEST(TableTest, EmptyListHasHeadersAndNoRows) {
  auto table = ToTable(std::vector<api::Pilot>{}, api::ListMeta{}, TableOptions{}, kNow);
  EXPECT_EQ(table.at("rows"), bj::array());
  EXPECT_EQ(table.at("columnDefinitions").as_array().size(), 7u);
}

TEST(TableTest, NoHeadersWritesNullColumnDefinitions) {
  TableOptions options;
  options.no_headers = true;
  auto table = ToTable(Cassandra(), options, kNow);
  ASSERT_TRUE(table.contains("columnDefinitions"));
  EXPECT_TRUE(table.at("columnDefinitions").is_null());
  EXPECT_EQ(table.at("rows").as_array().size(), 1u);
}

TEST(TableTest, ColumnDescriptionsAreKubes) {
  auto table = ToTable(Cassandra(), TableOptions{}, kNow);
  const auto& columns = table.at("columnDefinitions").as_array();
  EXPECT_THAT(std::string(columns[0].at("description").as_string()),
              HasSubstr("Name must be unique within a namespace."));
  EXPECT_THAT(std::string(columns[3].at("description").as_string()),
              HasSubstr("CreationTimestamp is a timestamp"));
}

TEST(WatchTableEncoderTest, HeadersOnlyInTheFirstEvent) {
  TableOptions options;
  options.no_headers = true;  // ignored: the first event always has them
  WatchTableEncoder<api::Pilot> encoder(options);
  auto first = encoder.Encode(ElasticsearchPilot(), kNow);
  auto second = encoder.Encode(ElasticsearchPilot(), kNow + std::chrono::seconds(60));
  EXPECT_TRUE(first.at("columnDefinitions").is_array());
  EXPECT_TRUE(second.at("columnDefinitions").is_null());
  EXPECT_EQ(second.at("rows").at(0).at("cells").at(2), "2m30s");
  EXPECT_EQ(second.at("metadata").at("resourceVersion"), "10");
}

struct IncludeCase {
  const char* value;
  bool ok;
  TableOptions::IncludeObject include;
};

TEST(ParseTableOptionsTest, IncludeObject) {
  const IncludeCase cases[] = {
      {"", true, TableOptions::kMetadata},        {"Metadata", true, TableOptions::kMetadata},
      {"None", true, TableOptions::kNone},        {"Object", true, TableOptions::kObject},
      {"object", false, TableOptions::kMetadata}, {"all", false, TableOptions::kMetadata},
      {" None", false, TableOptions::kMetadata},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    auto got = ParseTableOptions(c.value);
    ASSERT_EQ(got.ok(), c.ok);
    if (c.ok) {
      EXPECT_EQ(got->include, c.include);
      EXPECT_FALSE(got->no_headers);
    } else {
      EXPECT_EQ(got.status().code(), StatusCode::kBadRequest);
      EXPECT_THAT(got.status().message(),
                  HasSubstr("must be 'Metadata', 'Object', 'None', or empty"));
    }
  }
  auto got = ParseTableOptions("x\"\n" + std::string(500, 'y'));
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.status().message(), HasSubstr("\"x??yyy"));
  EXPECT_LT(got.status().message().size(), 250u);
}

TEST(OutputConversionTest, ObjectAndListForms) {
  const api::ElasticsearchCluster es = Elasticsearch();
  Negotiated table{OutputForm::kTable, "meta.k8s.io/v1beta1", "application/json"};
  Negotiated pom{OutputForm::kPartialObjectMetadata, "meta.k8s.io/v1", "application/json"};
  Negotiated poml{OutputForm::kPartialObjectMetadataList, "meta.k8s.io/v1", "application/json"};

  auto got = ConvertObject(es, table, TableOptions{}, kNow);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->at("apiVersion"), "meta.k8s.io/v1beta1");
  EXPECT_EQ(got->at("rows").as_array().size(), 1u);
  got = ConvertObject(es, pom, TableOptions{}, kNow);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->at("kind"), "PartialObjectMetadata");
  EXPECT_EQ(ConvertObject(es, poml, TableOptions{}, kNow).status().code(),
            StatusCode::kNotAcceptable);
  EXPECT_EQ(ConvertObject(es, Negotiated{}, TableOptions{}, kNow).status().code(),
            StatusCode::kInternal);

  const std::vector<api::ElasticsearchCluster> items{es, es};
  auto list = ConvertList(items, api::ListMeta{}, table, TableOptions{}, kNow);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->at("rows").as_array().size(), 2u);
  list = ConvertList(items, api::ListMeta{}, poml, TableOptions{}, kNow);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->at("kind"), "PartialObjectMetadataList");
  EXPECT_EQ(list->at("items").as_array().size(), 2u);
  EXPECT_EQ(ConvertList(items, api::ListMeta{}, pom, TableOptions{}, kNow).status().code(),
            StatusCode::kNotAcceptable);
}

}  // namespace
}  // namespace navigator::apiserver
