#include "navigator/apiserver/registry/base64url.h"

#include <gtest/gtest.h>

namespace navigator::registry {
namespace {

TEST(Base64UrlTest, EncodesRfc4648VectorsWithoutPadding) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},          {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(Base64UrlEncode(plain), encoded) << plain;
    EXPECT_EQ(Base64UrlDecode(encoded), std::string(plain)) << encoded;
  }
}

TEST(Base64UrlTest, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const std::string_view piece(all.data(), n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(piece)), std::string(piece)) << n;
  }
}

TEST(Base64UrlTest, RejectsInvalidInputWithItsOffset) {
  const std::pair<std::string_view, std::size_t> cases[] = {
      {"Zg==", 2}, {"Zm9v+", 4}, {"Zm/v", 2}, {"Z", 0}, {"Zm9vY", 4}, {"Zm 9", 2}, {"Zm\n9v", 2},
  };
  for (const auto& [text, offset] : cases) {
    std::size_t at = 999;
    EXPECT_EQ(Base64UrlDecode(text, &at), std::nullopt) << text;
    EXPECT_EQ(at, offset) << text;
  }
}

TEST(Base64UrlTest, IgnoresUnusedLowBitsAsGoDoes) {
  EXPECT_EQ(Base64UrlDecode("Zh"), "f");
  EXPECT_EQ(Base64UrlDecode("Zm9"), "fo");
}

}  // namespace
}  // namespace navigator::registry
