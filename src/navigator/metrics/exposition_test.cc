#include "navigator/metrics/exposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace navigator::metrics {
namespace {

std::string Escaped(std::string_view value) {
  std::string out;
  AppendLabelValue(out, value);
  return out;
}

TEST(ExpositionTest, EscapesLabelValues) {
  EXPECT_EQ(Escaped("plain"), "plain");
  EXPECT_EQ(Escaped(R"(a\b)"), R"(a\\b)");
  EXPECT_EQ(Escaped(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(Escaped("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(Escaped("tab\tstays"), "tab\tstays");
  EXPECT_EQ(Escaped("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

TEST(ExpositionTest, ReplacesInvalidUtf8) {
  const std::string kReplacement = "\xef\xbf\xbd";
  EXPECT_EQ(Escaped("a\xff"
                    "b"),
            "a" + kReplacement + "b");
  EXPECT_EQ(Escaped("\xc3"), kReplacement);                                        // truncated
  EXPECT_EQ(Escaped("\xc0\xaf"), kReplacement + kReplacement);                     // overlong
  EXPECT_EQ(Escaped("\xed\xa0\x80"), kReplacement + kReplacement + kReplacement);  // surrogate
  EXPECT_EQ(Escaped("\xf4\x90\x80\x80"),  // beyond U+10FFFF
            kReplacement + kReplacement + kReplacement + kReplacement);
}

TEST(ExpositionTest, HelpEscapesBackslashAndNewlineButNotQuotes) {
  std::string out;
  AppendHeader(out, "m", "a \"b\" \\ c\nd", MetricType::kGauge);
  EXPECT_EQ(out, "# HELP m a \"b\" \\\\ c\\nd\n# TYPE m gauge\n");
}

TEST(ExpositionTest, FormatsValues) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(1), "1");
  EXPECT_EQ(FormatValue(0.005), "0.005");
  EXPECT_EQ(FormatValue(2.5e-5), "2.5e-05");
  EXPECT_EQ(FormatValue(1234567), "1234567");
  EXPECT_EQ(FormatValue(-3.5), "-3.5");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(ExpositionTest, ValidatesNames) {
  EXPECT_TRUE(IsValidMetricName("apiserver_request_total"));
  EXPECT_TRUE(IsValidMetricName("a:b_c9"));
  EXPECT_TRUE(IsValidMetricName("_x"));
  EXPECT_FALSE(IsValidMetricName(""));
  EXPECT_FALSE(IsValidMetricName("9lives"));
  EXPECT_FALSE(IsValidMetricName("with-dash"));
  EXPECT_FALSE(IsValidMetricName("with space"));
  EXPECT_TRUE(IsValidLabelName("verb"));
  EXPECT_TRUE(IsValidLabelName("_x1"));
  EXPECT_FALSE(IsValidLabelName(""));
  EXPECT_FALSE(IsValidLabelName("__reserved"));
  EXPECT_FALSE(IsValidLabelName("a:b"));
  EXPECT_FALSE(IsValidLabelName("1a"));
}

TEST(ExpositionTest, WritesSampleLines) {
  std::string out;
  const std::vector<std::string> names = {"a", "b"};
  const std::vector<std::string> values = {"x", "y\"z"};
  AppendSample(out, "m", "_bucket", names, values,
               std::make_pair(std::string_view("le"), std::string_view("0.5")), 3);
  AppendSample(out, "m", "", {}, {}, std::nullopt, 1.5);
  AppendSample(out, "m", "_count", {}, {},
               std::make_pair(std::string_view("le"), std::string_view("+Inf")), 2);
  EXPECT_EQ(out,
            "m_bucket{a=\"x\",b=\"y\\\"z\",le=\"0.5\"} 3\n"
            "m 1.5\n"
            "m_count{le=\"+Inf\"} 2\n");
}

}  // namespace
}  // namespace navigator::metrics
