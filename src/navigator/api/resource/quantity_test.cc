#include "navigator/api/resource/quantity.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace navigator::api {
namespace {

constexpr std::string_view kFormatError =
    "quantities must match the regular expression "
    "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr std::string_view kSuffixError = "unable to parse quantity's suffix";
constexpr std::string_view kNumericError = "unable to parse numeric part of quantity";
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Quantity Q(std::string_view text) {
  auto q = Quantity::Parse(text);
  EXPECT_TRUE(q.ok()) << text << ": " << (q.ok() ? "" : q.status().message());
  return q.ok() ? *q : Quantity();
}

struct WriteBackCase {
  const char* in;
  const char* out;
};

// Expected strings are what k8s.io/apimachinery writes back for each input
// (checked against resource.ParseQuantity(in).String()).
constexpr WriteBackCase kWriteBack[] = {
    // Already canonical.
    {"10Gi", "10Gi"},
    {"500m", "500m"},
    {"1e3", "1e3"},
    {"1k", "1k"},
    {"0", "0"},
    {"-1", "-1"},
    {"12e6", "12e6"},
    {"100M", "100M"},
    {"1Ki", "1Ki"},
    {"1Mi", "1Mi"},
    {"1E", "1E"},
    {"12E", "12E"},
    {"1Ei", "1Ei"},
    {"8191Pi", "8191Pi"},
    {"1023Ki", "1023Ki"},
    {"1000Ki", "1000Ki"},
    {"2000Mi", "2000Mi"},
    {"300T", "300T"},
    {"1e-3", "1e-3"},
    // Canonicalised: no fraction, largest suffix of the same format.
    {"0.5", "500m"},
    {"1000m", "1"},
    {"1024Mi", "1Gi"},
    {"1024Ki", "1Mi"},
    {"1.5Gi", "1536Mi"},
    {"0.5Mi", "512Ki"},
    {"0.1", "100m"},
    {"1000", "1k"},
    {"1000M", "1G"},
    {"1.0", "1"},
    {"1.5", "1500m"},
    {"15.00k", "15k"},
    {"1500.00", "1500"},
    {"100.5k", "100500"},
    {"8.1k", "8100"},
    {"9.01", "9010m"},
    {"40.1T", "40100G"},
    {"2.5P", "2500T"},
    {"1.5E", "1500P"},
    {"1.01E", "1010P"},
    {"1.2e3", "1200"},
    {"1.3E+6", "1300e3"},
    {"1.40e9", "1400e6"},
    {"0.5e-1", "50e-3"},
    {"5e-1", "500e-3"},
    {"10e-1", "1"},
    {"1e100", "10e99"},
    // BinarySI below 1024 or with a fraction is written as DecimalSI.
    {"0.5Ki", "512"},
    {".001Ki", "1024m"},
    {"1.1Ki", "1126400m"},
    {"100.035Ki", "102435840m"},
    {"0.05Gi", "53687091200m"},
    {"0.025Ti", "27487790694400m"},
    {".000001Ki", "1024u"},
    {".000000001Ki", "1024n"},
    // Rounded up (away from zero) to a multiple of 1n.
    {".000000000001Ki", "2n"},
    {"-0.000000000001Ki", "-2n"},
    {"3.001n", "4n"},
    {"0.9n", "1n"},
    {"1.1E-9", "2e-9"},
    {"0.0000000001", "1n"},
    {"0.5e-9", "1e-9"},
    {"1e-100", "1e-9"},
    {"0.00000012345", "124n"},
    {"0.1m", "100u"},
    {"1.5u", "1500n"},
    // Zero in any spelling.
    {"0Ki", "0"},
    {"0m", "0"},
    {"-0", "0"},
    {"0.0", "0"},
    {"00", "0"},
    // Negative values.
    {"-1.5Gi", "-1536Mi"},
    {"-1024Mi", "-1Gi"},
    // BinarySI is capped at 2^63-1; decimal values are not.
    {"9Ei", "9223372036854775807"},
    {"8Ei", "9223372036854775807"},
    {"-8Ei", "-9223372036854775807"},
    {"1000000000000000000", "1E"},
    {"10000000000000000000", "10E"},
    {"9999999999999999999", "9999999999999999999"},
    {"-9223372036854775809", "-9223372036854775809"},
    {"999999999999999999.1", "999999999999999999100m"},
    {"9223372036854775808.1", "9223372036854775808100m"},
    {"1.0000000000000000001E", "1000000000000000000100m"},
    // Kubernetes keeps int64-sized text that already looks canonical.
    {"+1", "+1"},
    {"01", "01"},
    {"+10Mi", "+10Mi"},
    {"1E3", "1E3"},
    {"1E-3", "1E-3"},
    {"1.e3", "1.e3"},
    {"1.500k", "1.500k"},
    {"7.123456M", "7.123456M"},
};

TEST(QuantityTest, WritesBackWhatKubernetesWrites) {
  for (const auto& c : kWriteBack) {
    auto q = Quantity::Parse(c.in);
    ASSERT_TRUE(q.ok()) << c.in << ": " << q.status().message();
    EXPECT_EQ(q->ToString(), c.out) << "input " << c.in;
  }
}

TEST(QuantityTest, WrittenFormParsesToTheSameValue) {
  for (const auto& c : kWriteBack) {
    const Quantity q = Q(c.in);
    const Quantity again = Q(q.ToString());
    EXPECT_EQ(again, q) << c.in;
    EXPECT_EQ(again.ToString(), q.ToString()) << c.in;
  }
}

TEST(QuantityTest, DecimalSIBeyondTheLargestSuffixUsesAnExponent) {
  // Older Kubernetes wrote "1" here, losing the magnitude; upstream now writes
  // the exponent form, which keeps the value.
  EXPECT_EQ(Q("1000E").ToString(), "1e21");
  EXPECT_EQ(Q("-5000E").ToString(), "-5e21");
  EXPECT_EQ(Q("1000000000000000000000000k").ToString(), "1e27");
  EXPECT_EQ(Q("1e21").ToString(), "1e21");
}

TEST(QuantityTest, RemembersTheParsedFormat) {
  EXPECT_EQ(Q("1Ki").format(), Quantity::Format::kBinarySI);
  EXPECT_EQ(Q("0.5Ki").format(), Quantity::Format::kBinarySI);
  EXPECT_EQ(Q(".000000000001Ki").format(), Quantity::Format::kDecimalSI);
  EXPECT_EQ(Q("1k").format(), Quantity::Format::kDecimalSI);
  EXPECT_EQ(Q("1").format(), Quantity::Format::kDecimalSI);
  EXPECT_EQ(Q("1e3").format(), Quantity::Format::kDecimalExponent);
  EXPECT_EQ(Q("1E").format(), Quantity::Format::kDecimalSI);
}

TEST(QuantityTest, DefaultIsZero) {
  const Quantity q;
  EXPECT_TRUE(q.IsZero());
  EXPECT_EQ(q.Sign(), 0);
  EXPECT_EQ(q.ToString(), "0");
  EXPECT_EQ(q.format(), Quantity::Format::kDecimalSI);
  EXPECT_EQ(q, Q("0Gi"));
}

struct ErrorCase {
  std::string in;
  std::string_view message;
};

TEST(QuantityTest, RejectsMalformedText) {
  const ErrorCase cases[] = {
      {"", kFormatError},
      {"1.2.3", kFormatError},
      {"1Gib", kFormatError},
      {" 1", kFormatError},
      {"1 ", kFormatError},
      {"1.1.M", kFormatError},
      {"1KI", kFormatError},
      {"1e3e3", kFormatError},
      {"1e1.5", kFormatError},
      {"aoeu", kFormatError},
      {"1+1.0M", kFormatError},
      {"0.1am", kFormatError},
      {"--1", kSuffixError},
      {"1e", kSuffixError},
      {"1e-", kSuffixError},
      {"-3.01e-", kSuffixError},
      {"0.1mi", kSuffixError},
      {".5i", kSuffixError},
      {"1i", kSuffixError},
      {"1K", kSuffixError},
      {"1ki", kSuffixError},
      {"1Mi1", kSuffixError},
      {"1m5", kSuffixError},
      // The exponent must fit int64 (Kubernetes) and int32 (here).
      {"1e9223372036854775808", kSuffixError},
      {"1e2147483648", kSuffixError},
      {"1e-2147483648", kSuffixError},
      // No digits at all: Kubernetes reads some of these as zero.
      {"Gi", kNumericError},
      {"Pi", kNumericError},
      {"m", kNumericError},
      {".", kNumericError},
      {"-", kNumericError},
      {"+Ki", kNumericError},
      {"-.e3", kNumericError},
  };
  for (const auto& c : cases) {
    auto q = Quantity::Parse(c.in);
    ASSERT_FALSE(q.ok()) << "'" << c.in << "' parsed as " << q->ToString();
    EXPECT_EQ(q.status().code(), StatusCode::kBadRequest) << c.in;
    EXPECT_EQ(q.status().message(), c.message) << c.in;
  }
}

TEST(QuantityTest, BoundsTheTextLength) {
  const std::string longest = "1" + std::string(99, '0');
  auto ok = Quantity::Parse(longest);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->ToString(), "1e99");

  auto too_long = Quantity::Parse(longest + "0");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().code(), StatusCode::kBadRequest);
  EXPECT_EQ(too_long.status().message(), "quantities must be at most 100 characters long");
}

TEST(QuantityTest, ExtremeExponentsStayExact) {
  EXPECT_EQ(Q("1e2147483647").ToString(), "10e2147483646");
  EXPECT_EQ(Q("1e-2147483647").ToString(), "1e-9");
  EXPECT_GT(Q("1e2147483647").Compare(Q("9Ei")), 0);
  EXPECT_EQ(Q("1e2147483647").Value(), kMax);
}

TEST(QuantityTest, ComparesValuesNotSpellings) {
  struct Case {
    const char* a;
    const char* b;
    int want;
  };
  for (const auto& c : {Case{"0", "0", 0},
                        Case{"100m", "50m", 1},
                        Case{"50m", "100m", -1},
                        Case{"10000T", "100Gi", 1},
                        Case{"1Gi", "1024Mi", 0},
                        Case{"1k", "1000", 0},
                        Case{"1k", "1e3", 0},
                        Case{"1.5", "1500m", 0},
                        Case{"+1", "1", 0},
                        Case{"0Ki", "-0", 0},
                        Case{"1Ki", "1k", 1},
                        Case{"1Ei", "1E", 1},
                        Case{"-1", "0", -1},
                        Case{"0", "1n", -1},
                        Case{"-2", "-1", -1},
                        Case{"-1Gi", "-1G", -1},
                        Case{"0.0000000001", "1n", 0},
                        Case{"9Ei", "8Ei", 0},
                        Case{"10E", "9Ei", 1},
                        Case{"999999999999999999.1", "999999999999999999", 1},
                        Case{"1e100", "1e99", 1}}) {
    EXPECT_EQ(Q(c.a).Compare(Q(c.b)), c.want) << c.a << " vs " << c.b;
    EXPECT_EQ(Q(c.b).Compare(Q(c.a)), -c.want) << c.b << " vs " << c.a;
    EXPECT_EQ(Q(c.a) == Q(c.b), c.want == 0) << c.a << " vs " << c.b;
  }
}

TEST(QuantityTest, SignAndZero) {
  struct Case {
    const char* in;
    int sign;
  };
  for (const auto& c : {Case{"10Gi", 1}, Case{"1n", 1}, Case{"0.000000000001", 1}, Case{"-1", -1},
                        Case{"-0.5Ki", -1}, Case{"-1e-20", -1}, Case{"0", 0}, Case{"-0", 0},
                        Case{"0Gi", 0}, Case{"0.000e5", 0}}) {
    const Quantity q = Q(c.in);
    EXPECT_EQ(q.Sign(), c.sign) << c.in;
    EXPECT_EQ(q.IsZero(), c.sign == 0) << c.in;
  }
}

TEST(QuantityTest, ValueAndMilliValueRoundAwayFromZero) {
  struct Case {
    const char* in;
    int64_t value;
    int64_t milli;
  };
  for (const auto& c : {Case{"0", 0, 0},
                        Case{"1", 1, 1000},
                        Case{"1.5", 2, 1500},
                        Case{"-1.5", -2, -1500},
                        Case{"-0.5", -1, -500},
                        Case{"500m", 1, 500},
                        Case{"1n", 1, 1},
                        Case{"-1n", -1, -1},
                        Case{"1Ki", 1024, 1024000},
                        Case{"10Gi", 10737418240, 10737418240000},
                        Case{"1.1Ki", 1127, 1126400},
                        Case{"1e3", 1000, 1000000},
                        Case{"1E", 1000000000000000000, kMax},
                        Case{"9Ei", kMax, kMax},
                        Case{"-8Ei", -kMax, kMin},
                        Case{"9223372036854775808", kMax, kMax},
                        Case{"-9223372036854775808", kMin, kMin},
                        Case{"-9223372036854775809", kMin, kMin},
                        Case{"1e21", kMax, kMax},
                        Case{"-1e21", kMin, kMin}}) {
    const Quantity q = Q(c.in);
    EXPECT_EQ(q.Value(), c.value) << c.in;
    EXPECT_EQ(q.MilliValue(), c.milli) << c.in;
  }
}

}  // namespace
}  // namespace navigator::api

namespace navigator::api {
namespace {

TEST(QuantityTest, RefusesWhatCouldNotBeReadBack) {
  auto huge_exponent = Quantity::Parse("100000000e2147483647");
  ASSERT_FALSE(huge_exponent.ok());
  EXPECT_EQ(huge_exponent.status().code(), StatusCode::kBadRequest);
  EXPECT_NE(huge_exponent.status().message().find("32-bit"), std::string::npos);

  auto too_precise = Quantity::Parse(std::string(97, '1') + ".5");
  ASSERT_FALSE(too_precise.ok());
  EXPECT_NE(too_precise.status().message().find("canonical form"), std::string::npos);

  // Everything accepted writes back to a form that parses to the same value.
  for (const char* text : {"1e300", "12345678901234567890123456789.5", "1.5Ei", "-0.000001m"}) {
    auto q = Quantity::Parse(text);
    if (!q.ok()) continue;
    auto again = Quantity::Parse(q->ToString());
    ASSERT_TRUE(again.ok()) << text << " -> " << q->ToString();
    EXPECT_EQ(again->Compare(*q), 0) << text;
  }
}

}  // namespace
}  // namespace navigator::api
