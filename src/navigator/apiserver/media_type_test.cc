#include "navigator/apiserver/media_type.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace navigator::apiserver {
namespace {

using ::testing::HasSubstr;

// What kubectl 1.36 and client-go send.
constexpr char kKubectlGet[] =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s."
    "io,application/json";
constexpr char kMetadataClientList[] =
    "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,"
    "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
constexpr char kMetadataClientGet[] =
    "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
    "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
constexpr char kDiscoveryV2[] =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
constexpr char kDiscoveryNoPeer[] =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer,"
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

constexpr bool kRefused = false;

struct ResourceCase {
  const char* accept;
  bool ok;
  OutputForm form;
  const char* api_version;
};

TEST(NegotiateResourceOutputTest, ChoosesLikeKube) {
  const ResourceCase cases[] = {
      // Absent, blank, plain and wildcards.
      {"", true, OutputForm::kObject, ""},
      {"  ", true, OutputForm::kObject, ""},
      {"application/json", true, OutputForm::kObject, ""},
      {"*/*", true, OutputForm::kObject, ""},
      {"*", true, OutputForm::kObject, ""},
      {"application/*", true, OutputForm::kObject, ""},
      {"Application/JSON", true, OutputForm::kObject, ""},
      {"application/json; charset=utf-8", true, OutputForm::kObject, ""},
      {"application/json;pretty=1", true, OutputForm::kObject, ""},
      {"application/json;stream=watch", true, OutputForm::kObject, ""},
      {"application/json;sv=v1", true, OutputForm::kObject, ""},
      // Clients.
      {kKubectlGet, true, OutputForm::kTable, "meta.k8s.io/v1"},
      {kMetadataClientList, true, OutputForm::kPartialObjectMetadataList, "meta.k8s.io/v1"},
      {kMetadataClientGet, true, OutputForm::kPartialObjectMetadata, "meta.k8s.io/v1"},
      {"application/json;as=Table;v=v1beta1;g=meta.k8s.io", true, OutputForm::kTable,
       "meta.k8s.io/v1beta1"},
      {"application/json;g=meta.k8s.io;v=v1;as=PartialObjectMetadata", true,
       OutputForm::kPartialObjectMetadata, "meta.k8s.io/v1"},
      {"application/json;as=\"Table\";v=\"v1\";g=\"meta.k8s.io\"", true, OutputForm::kTable,
       "meta.k8s.io/v1"},
      {"*/*;as=Table;v=v1;g=meta.k8s.io", true, OutputForm::kTable, "meta.k8s.io/v1"},
      {"application/*;as=Table;v=v1;g=meta.k8s.io", true, OutputForm::kTable, "meta.k8s.io/v1"},
      {" application/json ; as=Table ; v=v1 ; g=meta.k8s.io ", true, OutputForm::kTable,
       "meta.k8s.io/v1"},
      // Order: the first acceptable range wins...
      {"application/json,application/json;as=Table;v=v1;g=meta.k8s.io", true, OutputForm::kObject,
       ""},
      // ...after sorting by q, then concrete before wildcard.
      {"application/json;q=0.5,application/json;as=Table;v=v1;g=meta.k8s.io", true,
       OutputForm::kTable, "meta.k8s.io/v1"},
      {"*/*;as=Table;v=v1;g=meta.k8s.io,application/json", true, OutputForm::kObject, ""},
      {"application/json;as=Table;v=v1;g=meta.k8s.io;q=0.9,application/json;q=0.8", true,
       OutputForm::kTable, "meta.k8s.io/v1"},
      // Unserved media types are skipped in favour of the next.
      {"application/yaml,application/json", true, OutputForm::kObject, ""},
      {"application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json", true,
       OutputForm::kObject, ""},
      {"application/cbor, text/html, application/json;as=Table;v=v1;g=meta.k8s.io", true,
       OutputForm::kTable, "meta.k8s.io/v1"},
      // Conversions kube does not serve are skipped.
      {"application/json;as=Table;v=v2;g=meta.k8s.io,application/json", true, OutputForm::kObject,
       ""},
      {"application/json;as=Table;v=v1;g=example.com,application/json", true, OutputForm::kObject,
       ""},
      {"application/json;as=Table,application/json", true, OutputForm::kObject, ""},
      {"application/json;v=v1,application/json", true, OutputForm::kObject, ""},
      {"application/json;as=table;v=v1;g=meta.k8s.io,application/json", true, OutputForm::kObject,
       ""},
      {"application/json;as=Status;v=v1;g=meta.k8s.io,application/json", true, OutputForm::kObject,
       ""},
      {"application/json;stream=other,application/json;as=Table;v=v1;g=meta.k8s.io", true,
       OutputForm::kTable, "meta.k8s.io/v1"},
      {"application/json;sv=v2,application/json;as=Table;v=v1;g=meta.k8s.io", true,
       OutputForm::kTable, "meta.k8s.io/v1"},
      // q=0 means "not this".
      {"application/json;q=0", kRefused, OutputForm::kObject, ""},
      {"application/json;q=0.000,application/yaml", kRefused, OutputForm::kObject, ""},
      // Nothing acceptable.
      {"application/yaml", kRefused, OutputForm::kObject, ""},
      {"text/html", kRefused, OutputForm::kObject, ""},
      {"application/json;as=Table", kRefused, OutputForm::kObject, ""},
      {"application/json;as=APIGroupDiscoveryList;g=apidiscovery.k8s.io;v=v2", kRefused,
       OutputForm::kObject, ""},
      {"application/vnd.kubernetes.protobuf", kRefused, OutputForm::kObject, ""},
      // Malformed ranges are dropped; what remains decides.
      {",", kRefused, OutputForm::kObject, ""},
      {";;;", kRefused, OutputForm::kObject, ""},
      {"json", kRefused, OutputForm::kObject, ""},
      {"application", kRefused, OutputForm::kObject, ""},
      {"/json", kRefused, OutputForm::kObject, ""},
      {"application/", kRefused, OutputForm::kObject, ""},
      {"application/json/x", kRefused, OutputForm::kObject, ""},
      {"*/json", kRefused, OutputForm::kObject, ""},
      {"appli cation/json", kRefused, OutputForm::kObject, ""},
      {"application/json;q=abc", kRefused, OutputForm::kObject, ""},
      {"application/json;q=1.5", kRefused, OutputForm::kObject, ""},
      {"application/json;q=-1", kRefused, OutputForm::kObject, ""},
      {"application/json;q=", kRefused, OutputForm::kObject, ""},
      {"application/json;q=.", kRefused, OutputForm::kObject, ""},
      {"application/json;q=1e0", kRefused, OutputForm::kObject, ""},
      {"application/json;q=nan", kRefused, OutputForm::kObject, ""},
      {"application/json\x01", kRefused, OutputForm::kObject, ""},
      {"application/json;q=abc,application/json;as=Table;v=v1;g=meta.k8s.io", true,
       OutputForm::kTable, "meta.k8s.io/v1"},
      {",,application/json,,", true, OutputForm::kObject, ""},
      {"garbage, application/json;as=Table;v=v1;g=meta.k8s.io", true, OutputForm::kTable,
       "meta.k8s.io/v1"},
      {"application/json;noequals;as=Table;v=v1;g=meta.k8s.io", true, OutputForm::kTable,
       "meta.k8s.io/v1"},
      {"application/json;q=1.000", true, OutputForm::kObject, ""},
      {"application/json;Q=0.5", true, OutputForm::kObject, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string("Accept: ") + c.accept);
    auto got = NegotiateResourceOutput(c.accept);
    ASSERT_EQ(got.ok(), c.ok) << (got.ok() ? "accepted" : got.status().ToString());
    if (!c.ok) {
      EXPECT_EQ(got.status().code(), StatusCode::kNotAcceptable);
      continue;
    }
    EXPECT_EQ(got->form, c.form);
    EXPECT_EQ(got->api_version, c.api_version);
    EXPECT_EQ(got->content_type, "application/json");
  }
}

TEST(NegotiateResourceOutputTest, NotAcceptableListsWhatIsServedAndEchoesSafely) {
  auto got = NegotiateResourceOutput("application/yaml");
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.status().message(), HasSubstr("application/json;as=Table;v=v1;g=meta.k8s.io"));
  EXPECT_THAT(got.status().message(), HasSubstr("PartialObjectMetadataList"));
  EXPECT_THAT(got.status().message(), HasSubstr("\"application/yaml\""));

  std::string hostile = "text/\"html\"\x01";
  hostile += std::string(1000, 'x');
  got = NegotiateResourceOutput(hostile);
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.status().message(), HasSubstr("text/?html??"));
  EXPECT_THAT(got.status().message(), HasSubstr("..."));
  EXPECT_LT(got.status().message().size(), 700u);
}

struct DiscoveryCase {
  const char* accept;
  bool ok;
  OutputForm form;
};

TEST(NegotiateDiscoveryOutputTest, AggregatedWhenAsked) {
  const DiscoveryCase cases[] = {
      {"", true, OutputForm::kObject},
      {"application/json", true, OutputForm::kObject},
      {"*/*", true, OutputForm::kObject},
      {kDiscoveryV2, true, OutputForm::kApiGroupDiscoveryList},
      {kDiscoveryNoPeer, true, OutputForm::kApiGroupDiscoveryList},
      {"application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", true,
       OutputForm::kApiGroupDiscoveryList},
      {"application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io", true,
       OutputForm::kApiGroupDiscoveryList},
      // As in kube, an aggregated range listed later still wins.
      {"application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
       true, OutputForm::kApiGroupDiscoveryList},
      // v2beta1 is no longer served (kube 1.35+); plain JSON is the fallback.
      {"application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
       "application/json",
       true, OutputForm::kObject},
      {"application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", kRefused,
       OutputForm::kObject},
      {"application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0", kRefused,
       OutputForm::kObject},
      {"application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
       "application/json",
       true, OutputForm::kObject},
      {"application/json;as=Table;v=v1;g=meta.k8s.io", kRefused, OutputForm::kObject},
      {kKubectlGet, true, OutputForm::kObject},
      {"application/yaml", kRefused, OutputForm::kObject},
      {"nonsense", kRefused, OutputForm::kObject},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string("Accept: ") + c.accept);
    auto got = NegotiateDiscoveryOutput(c.accept);
    ASSERT_EQ(got.ok(), c.ok) << (got.ok() ? "accepted" : got.status().ToString());
    if (!c.ok) {
      EXPECT_EQ(got.status().code(), StatusCode::kNotAcceptable);
      EXPECT_THAT(got.status().message(), HasSubstr("as=APIGroupDiscoveryList"));
      continue;
    }
    EXPECT_EQ(got->form, c.form);
    if (c.form == OutputForm::kApiGroupDiscoveryList) {
      EXPECT_EQ(got->api_version, "apidiscovery.k8s.io/v2");
      EXPECT_EQ(got->content_type,
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    } else {
      EXPECT_EQ(got->content_type, "application/json");
    }
  }
}

TEST(NegotiatePlainOutputTest, JsonWithoutConversion) {
  const std::pair<const char*, bool> cases[] = {
      {"", true},
      {"application/json", true},
      {"application/*", true},
      {"*/*", true},
      {"text/plain, */*;q=0.1", true},
      {kKubectlGet, true},  // falls through to its plain application/json
      {"application/json;as=Table;v=v1;g=meta.k8s.io", false},
      {"application/yaml", false},
      {"application/json;sv=v1", false},
      {"application/json;stream=watch", true},
      {"application/json;stream=other", false},
      {"application/com.github.proto-openapi.spec.v3@v1.0+protobuf", false},
  };
  for (const auto& [accept, ok] : cases) {
    SCOPED_TRACE(std::string("Accept: ") + accept);
    auto got = NegotiatePlainOutput(accept);
    ASSERT_EQ(got.ok(), ok);
    if (ok) {
      EXPECT_EQ(got->form, OutputForm::kObject);
    } else {
      EXPECT_EQ(got.status().code(), StatusCode::kNotAcceptable);
      EXPECT_THAT(got.status().message(), HasSubstr("application/json"));
    }
  }
}

TEST(ParseAcceptTest, SortsStablyByQThenSpecificity) {
  auto ranges = ParseAccept("*/*;q=0.8, text/*, application/json;q=0.8, text/html, a/b;q=0.8");
  ASSERT_EQ(ranges.size(), 5u);
  EXPECT_EQ(ranges[0].type + "/" + ranges[0].subtype, "text/html");
  EXPECT_EQ(ranges[1].type + "/" + ranges[1].subtype, "text/*");
  EXPECT_EQ(ranges[2].type + "/" + ranges[2].subtype, "application/json");
  EXPECT_EQ(ranges[3].type + "/" + ranges[3].subtype, "a/b");
  EXPECT_EQ(ranges[4].type + "/" + ranges[4].subtype, "*/*");
  EXPECT_DOUBLE_EQ(ranges[4].q, 0.8);
}

TEST(ParseAcceptTest, KeepsParametersLowerCasesNamesAndUnquotes) {
  auto ranges = ParseAccept("Application/JSON; AS=Table ; v=\"v\\1\"; flag; q=0.25");
  ASSERT_EQ(ranges.size(), 1u);
  const MediaRange& r = ranges[0];
  EXPECT_EQ(r.type, "application");
  EXPECT_EQ(r.subtype, "json");
  EXPECT_DOUBLE_EQ(r.q, 0.25);
  ASSERT_EQ(r.params.size(), 2u);
  ASSERT_NE(r.Param("as"), nullptr);
  EXPECT_EQ(*r.Param("as"), "Table");
  EXPECT_EQ(*r.Param("v"), "v1");
  EXPECT_EQ(r.Param("q"), nullptr);
  EXPECT_EQ(r.Param("flag"), nullptr);
}

TEST(ParseAcceptTest, DropsMalformedRanges) {
  EXPECT_TRUE(ParseAccept("").empty());
  EXPECT_TRUE(ParseAccept(",,, ,").empty());
  EXPECT_TRUE(ParseAccept("a, /b, c/, */x, a/b/c, a/b;q=2, a/b;q=x").empty());
  EXPECT_EQ(ParseAccept("a, b/c").size(), 1u);
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "application/json;q=0.5,";
  EXPECT_EQ(ParseAccept(many).size(), 1000u);
}

TEST(CheckOutputFormFitsTest, ListAndSingleObjectForms) {
  Negotiated n;
  EXPECT_TRUE(CheckOutputFormFits(n, true).ok());
  EXPECT_TRUE(CheckOutputFormFits(n, false).ok());
  n.form = OutputForm::kTable;
  EXPECT_TRUE(CheckOutputFormFits(n, true).ok());
  EXPECT_TRUE(CheckOutputFormFits(n, false).ok());
  n.form = OutputForm::kPartialObjectMetadata;
  EXPECT_TRUE(CheckOutputFormFits(n, false).ok());
  EXPECT_EQ(CheckOutputFormFits(n, true).code(), StatusCode::kNotAcceptable);
  EXPECT_THAT(CheckOutputFormFits(n, true).message(), HasSubstr("is a list"));
  n.form = OutputForm::kPartialObjectMetadataList;
  EXPECT_TRUE(CheckOutputFormFits(n, true).ok());
  EXPECT_EQ(CheckOutputFormFits(n, false).code(), StatusCode::kNotAcceptable);
  n.form = OutputForm::kApiGroupDiscoveryList;
  EXPECT_EQ(CheckOutputFormFits(n, true).code(), StatusCode::kNotAcceptable);
}

}  // namespace
}  // namespace navigator::apiserver
