#include "bench/apiserver/pilot_body.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace navigator::bench::loadgen {
namespace {

namespace json = boost::json;

TEST(PilotBodyTest, ARealisticPilotWithSpecAndStatus) {
  const json::object pilot = json::parse(PilotJson("bench", "pilot-00001", 0)).as_object();
  EXPECT_EQ(pilot.at("apiVersion").as_string(), "navigator.jetstack.io/v1alpha1");
  EXPECT_EQ(pilot.at("kind").as_string(), "Pilot");
  EXPECT_EQ(pilot.at("metadata").at("name").as_string(), "pilot-00001");
  EXPECT_EQ(pilot.at("metadata").at("namespace").as_string(), "bench");
  EXPECT_TRUE(pilot.at("spec").as_object().empty());
  EXPECT_EQ(pilot.at("status").at("conditions").as_array().size(), 2u);
  EXPECT_EQ(pilot.at("status").at("elasticsearch").at("version").as_string(), "6.8.23");
}

TEST(PilotBodyTest, PaddingMakesTheExactSize) {
  const size_t natural = PilotJson("bench", "pilot-00001", 0).size();
  for (const int64_t bytes : {int64_t{2048}, int64_t{10'000}, static_cast<int64_t>(natural) + 40}) {
    EXPECT_EQ(PilotJson("bench", "pilot-00001", bytes).size(), static_cast<size_t>(bytes));
  }
  // Smaller than natural: no padding, the natural size (its value-bytes
  // annotation differs only in its digits).
  const std::string small = PilotJson("bench", "pilot-00001", 1);
  EXPECT_EQ(small.size(), natural);
  const json::object padded = json::parse(PilotJson("bench", "x", 4096)).as_object();
  EXPECT_EQ(padded.at("metadata").at("annotations").at(kValueBytesAnnotation).as_string(), "4096");
}

TEST(PilotBodyTest, EditsChangeOnlyTheirField) {
  const std::string read = R"({"metadata":{"name":"p","resourceVersion":"7"},"status":{}})";
  Result<std::string> updated = EditForUpdate(read, 42);
  ASSERT_TRUE(updated.ok());
  const json::object u = json::parse(*updated).as_object();
  EXPECT_EQ(u.at("metadata").at("labels").at(kUpdateLabel).as_string(), "42");
  EXPECT_EQ(u.at("metadata").at("resourceVersion").as_string(), "7");

  Result<std::string> status = EditForStatusUpdate(read, 43);
  ASSERT_TRUE(status.ok());
  const json::object s = json::parse(*status).as_object();
  EXPECT_EQ(s.at("status").at("elasticsearch").at("documents").as_int64(), 43);

  Result<std::string> with_status = WithPilotStatus(read);
  ASSERT_TRUE(with_status.ok());
  EXPECT_EQ(json::parse(*with_status).at("status").at("conditions").as_array().size(), 2u);
  EXPECT_EQ(*ResourceVersionOf(read), "7");
}

TEST(PilotBodyTest, MalformedServerObjectsAreBadRequest) {
  for (const char* bad : {"", "[]", "{", R"({"metadata":3})", R"({"kind":"Pilot"})"}) {
    EXPECT_EQ(EditForUpdate(bad, 1).status().code(), StatusCode::kBadRequest) << bad;
    EXPECT_EQ(EditForStatusUpdate(bad, 1).status().code(), StatusCode::kBadRequest) << bad;
    EXPECT_EQ(WithPilotStatus(bad).status().code(), StatusCode::kBadRequest) << bad;
    EXPECT_EQ(ResourceVersionOf(bad).status().code(), StatusCode::kBadRequest) << bad;
  }
  EXPECT_EQ(ResourceVersionOf(R"({"metadata":{"resourceVersion":""}})").status().code(),
            StatusCode::kBadRequest);
  EXPECT_EQ(ResourceVersionOf(R"({"metadata":{"resourceVersion":5}})").status().code(),
            StatusCode::kBadRequest);
}

}  // namespace
}  // namespace navigator::bench::loadgen
