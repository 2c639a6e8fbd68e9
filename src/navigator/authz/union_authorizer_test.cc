#include "navigator/authz/union_authorizer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace navigator::authz {
namespace {

// Answers with a fixed result and counts its calls.
class FixedAuthorizer final : public Authorizer {
 public:
  explicit FixedAuthorizer(Result<Verdict> result) : result_(std::move(result)) {}
  Result<Verdict> Authorize(const Attributes&) const override {
    ++calls_;
    return result_;
  }
  int calls() const { return calls_; }

 private:
  const Result<Verdict> result_;
  mutable std::atomic<int> calls_{0};
};

// One letter per authorizer: A allow, D deny, N no opinion, E error.
std::vector<std::shared_ptr<FixedAuthorizer>> Chain(const std::string& letters) {
  std::vector<std::shared_ptr<FixedAuthorizer>> out;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    const std::string reason = std::string(1, letters[i]) + std::to_string(i);
    switch (letters[i]) {
      case 'A':
        out.push_back(std::make_shared<FixedAuthorizer>(
            Verdict{.decision = Decision::kAllow, .reason = reason}));
        break;
      case 'D':
        out.push_back(std::make_shared<FixedAuthorizer>(
            Verdict{.decision = Decision::kDeny, .reason = reason}));
        break;
      case 'N':
        out.push_back(std::make_shared<FixedAuthorizer>(
            Verdict{.decision = Decision::kNoOpinion, .reason = reason}));
        break;
      default:
        out.push_back(
            std::make_shared<FixedAuthorizer>(Status(StatusCode::kServiceUnavailable, reason)));
    }
  }
  return out;
}

struct UnionCase {
  std::string chain;
  // "A<i>", "D<i>", "N:<joined reasons>" or "E<i>" (the error of authorizer i).
  std::string expected;
  int asked;  // how many authorizers were asked
};

class UnionAuthorizerTest : public ::testing::TestWithParam<UnionCase> {};

TEST_P(UnionAuthorizerTest, FirstDecisionWinsAndErrorsFailClosed) {
  const UnionCase& c = GetParam();
  std::vector<std::shared_ptr<FixedAuthorizer>> chain = Chain(c.chain);
  UnionAuthorizer authorizer({chain.begin(), chain.end()});
  Result<Verdict> verdict = authorizer.Authorize(Attributes{.verb = "get", .path = "/"});
  std::string got;
  if (!verdict.ok()) {
    EXPECT_EQ(verdict.status().code(), StatusCode::kServiceUnavailable);
    got = verdict.status().message();
  } else if (verdict->decision == Decision::kNoOpinion) {
    got = "N:" + verdict->reason;
  } else {
    got = verdict->reason;
  }
  EXPECT_EQ(got, c.expected) << c.chain;
  int asked = 0;
  for (const auto& a : chain) asked += a->calls();
  EXPECT_EQ(asked, c.asked) << c.chain;
}

INSTANTIATE_TEST_SUITE_P(
    Chains, UnionAuthorizerTest,
    ::testing::Values(UnionCase{"", "N:", 0}, UnionCase{"A", "A0", 1}, UnionCase{"D", "D0", 1},
                      UnionCase{"AD", "A0", 1}, UnionCase{"DA", "D0", 1}, UnionCase{"NNA", "A2", 3},
                      UnionCase{"NDA", "D1", 2}, UnionCase{"NNN", "N:N0\nN1\nN2", 3},
                      UnionCase{"EA", "A1", 2}, UnionCase{"ED", "D1", 2}, UnionCase{"ENN", "E0", 3},
                      UnionCase{"NEN", "E1", 3}, UnionCase{"EE", "E0", 2}, UnionCase{"E", "E0", 1},
                      UnionCase{"AE", "A0", 1}));

}  // namespace
}  // namespace navigator::authz
