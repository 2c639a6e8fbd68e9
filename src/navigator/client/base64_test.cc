#include "navigator/client/base64.h"

#include <gtest/gtest.h>

namespace navigator::client {
namespace {

TEST(Base64Test, RoundTripsEveryLength) {
  std::string data;
  for (int i = 0; i < 300; ++i) {
    const std::string encoded = Base64Encode(data);
    EXPECT_EQ(encoded.size() % 4, 0u);
    const auto decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, data);
    data += static_cast<char>(i * 37);
  }
}

TEST(Base64Test, KnownValues) {
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Decode("Zm9v\nYmFy\r\n"), "foobar");
  EXPECT_EQ(Base64Decode(""), "");
}

TEST(Base64Test, RefusesMalformedInput) {
  for (const char* bad :
       {"Zm9", "Zm9vY", "Z===", "=Zm9", "Zm=v", "Zm9v!mFy", "Zg==Zg==", "Zm8 ", "Zm8-", "Zm8_"}) {
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace navigator::client
