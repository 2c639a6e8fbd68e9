#include "navigator/http/accept_encoding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace navigator::http {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

AcceptEncoding Parse(std::string_view value) {
  auto parsed = ParseAcceptEncoding(value);
  EXPECT_TRUE(parsed.ok()) << value << ": " << parsed.status().ToString();
  return parsed.ok() ? *parsed : AcceptEncoding{};
}

TEST(AcceptEncodingTest, ParsesCodingsAndQValues) {
  EXPECT_THAT(Parse("gzip, deflate;q=0.5 ,br ; q=0.25,*;Q=0, identity;q=1.000").codings,
              ElementsAre(CodingPreference{"gzip", 1000}, CodingPreference{"deflate", 500},
                          CodingPreference{"br", 250}, CodingPreference{"*", 0},
                          CodingPreference{"identity", 1000}));
  EXPECT_THAT(Parse("GZip;q=0.001").codings, ElementsAre(CodingPreference{"gzip", 1}));
  EXPECT_THAT(Parse("gzip;q=1.").codings, ElementsAre(CodingPreference{"gzip", 1000}));
  EXPECT_THAT(Parse("gzip;q=0").codings, ElementsAre(CodingPreference{"gzip", 0}));
}

TEST(AcceptEncodingTest, EmptyElementsAndValuesAreAllowed) {
  EXPECT_THAT(Parse("").codings, ElementsAre());
  EXPECT_THAT(Parse(" , ,\t").codings, ElementsAre());
  EXPECT_THAT(Parse(",gzip,").codings, ElementsAre(CodingPreference{"gzip", 1000}));
}

TEST(AcceptEncodingTest, QualityOfGzip) {
  EXPECT_EQ(Parse("gzip").QualityOf("gzip"), 1000);
  EXPECT_EQ(Parse("gzip;q=0").QualityOf("gzip"), 0);
  EXPECT_EQ(Parse("x-gzip;q=0.3").QualityOf("gzip"), 300);
  EXPECT_EQ(Parse("deflate").QualityOf("gzip"), 0);
  EXPECT_EQ(Parse("*").QualityOf("gzip"), 1000);
  EXPECT_EQ(Parse("*;q=0.2, gzip;q=0").QualityOf("gzip"), 0);  // a named entry beats *
  EXPECT_EQ(Parse("gzip;q=0, *").QualityOf("gzip"), 0);
  EXPECT_EQ(Parse("gzip;q=0.1, gzip;q=0.9").QualityOf("gzip"), 900);
  EXPECT_EQ(Parse("").QualityOf("gzip"), 0);
}

TEST(AcceptEncodingTest, IdentityIsAcceptableUnlessRefused) {
  EXPECT_EQ(Parse("gzip").QualityOf("identity"), 1000);
  EXPECT_EQ(Parse("identity;q=0").QualityOf("identity"), 0);
  EXPECT_EQ(Parse("*;q=0").QualityOf("identity"), 0);
}

TEST(AcceptEncodingTest, RejectsMalformedElements) {
  for (const char* value :
       {"gzip;q=2", "gzip;q=1.001", "gzip;q=0.0001", "gzip;q=", "gzip;q", "gzip;q=.5", "gzip;q=-0",
        "gzip;q=0.5x", "gzip;level=1", "gzip;", "gzip;q=0.5;x=1", ";q=1", "gz ip", "gzip\x01",
        "\"gzip\"", "gzip; q = 0.5", "gzip q=1"}) {
    auto parsed = ParseAcceptEncoding(value);
    ASSERT_FALSE(parsed.ok()) << value;
    EXPECT_EQ(parsed.status().code(), StatusCode::kBadRequest) << value;
    EXPECT_THAT(parsed.status().message(), HasSubstr("invalid Accept-Encoding element")) << value;
  }
}

TEST(AcceptEncodingTest, ErrorMessagesAreBoundedAndPrintable) {
  auto parsed = ParseAcceptEncoding(std::string(1000, 'a') + "\n;q=9");
  ASSERT_FALSE(parsed.ok());
  EXPECT_LT(parsed.status().message().size(), 200u);
  EXPECT_EQ(parsed.status().message().find('\n'), std::string::npos);
}

}  // namespace
}  // namespace navigator::http
