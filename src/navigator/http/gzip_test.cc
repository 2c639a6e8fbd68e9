#include "navigator/http/gzip.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

namespace navigator::http {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

std::string Compressible(std::size_t size) {
  std::string out;
  for (int i = 0; out.size() < size; ++i) out += "{\"item\":" + std::to_string(i) + "},";
  out.resize(size);
  return out;
}

std::string Random(std::size_t size) {
  std::mt19937 rng(42);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

TEST(GzipTest, RoundTrips) {
  for (const std::string& data : {std::string(), std::string("x"), Compressible(300000),
                                  Random(200000), std::string(1 << 20, '\0')}) {
    auto compressed = GzipCompress(data);
    ASSERT_TRUE(compressed.ok()) << compressed.status().ToString();
    ASSERT_GE(compressed->size(), 18u);  // header + trailer
    EXPECT_EQ(static_cast<unsigned char>((*compressed)[0]), 0x1f);
    EXPECT_EQ(static_cast<unsigned char>((*compressed)[1]), 0x8b);
    auto back = GzipDecompress(*compressed, data.size() + 1);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, data);
  }
  EXPECT_LT(GzipCompress(Compressible(300000))->size(), 300000u / 3);
}

TEST(GzipTest, DecompressesConcatenatedMembers) {
  const std::string both = *GzipCompress("hello, ") + *GzipCompress("world");
  auto back = GzipDecompress(both, 100);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, "hello, world");
}

TEST(GzipTest, RejectsMalformedData) {
  const std::string good = *GzipCompress(Compressible(10000));
  std::string corrupt = good;
  corrupt[good.size() / 2] = static_cast<char>(corrupt[good.size() / 2] ^ 0x55);
  std::string bad_crc = good;
  bad_crc[good.size() - 6] = static_cast<char>(bad_crc[good.size() - 6] ^ 1);
  for (const std::string& data :
       {std::string(), std::string("not gzip at all"), good.substr(0, good.size() / 2),
        good.substr(0, good.size() - 1), good.substr(0, 10), corrupt, bad_crc,
        good + "trailing garbage"}) {
    auto back = GzipDecompress(data, 1 << 20);
    ASSERT_FALSE(back.ok()) << data.size();
    EXPECT_EQ(back.status().code(), StatusCode::kBadRequest) << back.status().ToString();
    EXPECT_THAT(back.status().message(), HasSubstr("gzip"));
  }
}

TEST(GzipTest, BoundsTheOutput) {
  const std::string bomb = *GzipCompress(std::string(10 << 20, 'a'));
  auto back = GzipDecompress(bomb, 1 << 20);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kRequestEntityTooLarge);
  EXPECT_TRUE(GzipDecompress(*GzipCompress("12345"), 5).ok());
  EXPECT_FALSE(GzipDecompress(*GzipCompress("123456"), 5).ok());
}

Request WithAcceptEncoding(std::vector<std::string> values) {
  Request request;
  request.method = "GET";
  for (auto& value : values) request.headers.emplace_back("Accept-Encoding", std::move(value));
  return request;
}

TEST(GzipTest, AcceptsGzipReadsEveryAcceptEncodingField) {
  EXPECT_TRUE(AcceptsGzip(WithAcceptEncoding({"gzip"})));
  EXPECT_TRUE(AcceptsGzip(WithAcceptEncoding({"br", "gzip;q=0.5"})));
  EXPECT_TRUE(AcceptsGzip(WithAcceptEncoding({"*"})));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding({})));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding({"gzip;q=0"})));
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding({"gzip", "gzip;q=2"})));  // malformed: none
  EXPECT_FALSE(AcceptsGzip(WithAcceptEncoding({"identity"})));
}

TEST(GzipTest, MaybeGzipResponseFollowsThePolicy) {
  const std::string big = Compressible(kGzipMinBytes);
  Response response;
  response.body = big;
  EXPECT_TRUE(MaybeGzipResponse(WithAcceptEncoding({"gzip"}), kGzipMinBytes, response));
  EXPECT_THAT(response.headers, Contains(Pair("Content-Encoding", "gzip")));
  EXPECT_THAT(response.headers, Contains(Pair("Vary", "Accept-Encoding")));
  EXPECT_EQ(*GzipDecompress(response.body, big.size()), big);

  // One byte short of the threshold: untouched, no Vary.
  Response small;
  small.body = big.substr(1);
  EXPECT_FALSE(MaybeGzipResponse(WithAcceptEncoding({"gzip"}), kGzipMinBytes, small));
  EXPECT_TRUE(small.headers.empty());

  // Not accepted: untouched, but the response still varies.
  Response refused;
  refused.body = big;
  refused.headers = {{"Vary", "Accept"}};
  EXPECT_FALSE(MaybeGzipResponse(WithAcceptEncoding({"gzip;q=0"}), kGzipMinBytes, refused));
  EXPECT_EQ(refused.body, big);
  EXPECT_THAT(refused.headers, Contains(Pair("Vary", "Accept, Accept-Encoding")));

  // Already encoded, streamed, or bodiless statuses: untouched.
  Response encoded;
  encoded.body = big;
  encoded.headers = {{"content-encoding", "br"}};
  EXPECT_FALSE(MaybeGzipResponse(WithAcceptEncoding({"gzip"}), kGzipMinBytes, encoded));
  EXPECT_EQ(encoded.headers.size(), 1u);
  Response streamed;
  streamed.body = big;
  streamed.stream = [](ChunkSink&) {
    return false;
  };
  EXPECT_FALSE(MaybeGzipResponse(WithAcceptEncoding({"gzip"}), kGzipMinBytes, streamed));
  EXPECT_THAT(streamed.headers, Not(Contains(Pair("Vary", "Accept-Encoding"))));
  Response not_modified;
  not_modified.status = 304;
  not_modified.body = big;
  EXPECT_FALSE(MaybeGzipResponse(WithAcceptEncoding({"gzip"}), kGzipMinBytes, not_modified));
}

}  // namespace
}  // namespace navigator::http
