#include "navigator/base/go_quote.h"

#include <gtest/gtest.h>

namespace navigator {
namespace {

struct QuoteCase {
  std::string input;
  std::string quoted;
};

class GoQuoteTest : public testing::TestWithParam<QuoteCase> {};

TEST_P(GoQuoteTest, MatchesStrconvQuote) {
  EXPECT_EQ(GoQuote(GetParam().input), GetParam().quoted);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, GoQuoteTest,
    testing::Values(QuoteCase{"", R"("")"}, QuoteCase{"foo", R"("foo")"},
                    QuoteCase{"a\"b", R"("a\"b")"}, QuoteCase{"a\\b", R"("a\\b")"},
                    QuoteCase{"a\nb\tc\r", R"("a\nb\tc\r")"},
                    QuoteCase{"\a\b\f\v", R"("\a\b\f\v")"},
                    QuoteCase{std::string("\x01\x1f\x7f", 3), R"("\x01\x1f\x7f")"},
                    QuoteCase{"caf\xc3\xa9", "\"caf\xc3\xa9\""},            // é kept
                    QuoteCase{"\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""},  // emoji kept
                    QuoteCase{"a\xc2\xa0z", R"("a\u00a0z")"},               // no-break space
                    QuoteCase{"\xef\xbb\xbf", R"("\ufeff")"},               // byte order mark
                    QuoteCase{"a\xffz", R"("a\xffz")"},                     // not UTF-8
                    QuoteCase{"\xc3", R"("\xc3")"},                         // truncated rune
                    QuoteCase{"\xed\xa0\x80", R"("\xed\xa0\x80")"}));       // surrogate

}  // namespace
}  // namespace navigator
