// navigator::authz::ParseSubjectAccessReviewResponse (the answer of the
// Kubernetes API server to a SubjectAccessReview), with the 403 message built
// from what it returns.
//
// Input: the answer body, as the RestClient would return it.
//
// Properties:
//  - errors are kInternal and say the answer is malformed (never a crash, never
//    another code, so the request fails closed with a 500);
//  - deterministic, and equal to VerdictOf(ParseSubjectAccessReviewStatus(..));
//  - an accepted answer gives kDeny exactly when denied, kAllow exactly when
//    allowed (never both), else kNoOpinion, always with status.reason;
//  - the status written back canonically parses to the same status;
//  - ForbiddenStatus with that reason (and the reason as the user's name and
//    the path) is a 403 ending in ": <reason>", its quoted fields free of raw
//    control bytes.

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "navigator/authz/forbidden_message.h"
#include "navigator/authz/subject_access_review.h"
#include "navigator/base/go_quote.h"

using navigator::fuzz::Printable;
namespace authz = navigator::authz;
using navigator::StatusCode;

namespace {

void CheckForbidden(const std::string& reason) {
  const authz::Attributes attributes{
      .user = {.name = reason}, .verb = "get", .resource_request = false, .path = reason};
  const navigator::Status status = authz::ForbiddenStatus(attributes, reason);
  FUZZ_CHECK(status.code() == StatusCode::kForbidden, status.ToString());
  const std::string& message = status.message();
  FUZZ_CHECK(message.starts_with("forbidden: User \""), Printable(message));
  if (!reason.empty()) {
    FUZZ_CHECK(message.ends_with(": " + reason), Printable(message));
  }
  const std::string quoted = navigator::GoQuote(reason);
  FUZZ_CHECK(quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"',
             Printable(quoted));
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(quoted[i]);
    FUZZ_CHECK(c >= 0x20 && c != 0x7f, "raw control byte in " + Printable(quoted));
    if (c == '"')
      FUZZ_CHECK(i == 0 || i + 1 == quoted.size() || quoted[i - 1] == '\\',
                 "unescaped quote in " + Printable(quoted));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = navigator::fuzz::AsText(data, size);
  const auto verdict = authz::ParseSubjectAccessReviewResponse(body);
  const auto again = authz::ParseSubjectAccessReviewResponse(body);
  const auto status = authz::ParseSubjectAccessReviewStatus(body);

  FUZZ_CHECK(verdict.ok() == again.ok(), "input " + Printable(body));
  if (!status.ok()) {
    FUZZ_CHECK(!verdict.ok(), "input " + Printable(body));
    FUZZ_CHECK(status.status() == verdict.status(), verdict.status().ToString());
  }
  if (!verdict.ok()) {
    FUZZ_CHECK(verdict.status().code() == StatusCode::kInternal, verdict.status().ToString());
    FUZZ_CHECK(verdict.status().message().find("SubjectAccessReview answer") != std::string::npos,
               verdict.status().ToString());
    FUZZ_CHECK(verdict.status() == again.status(), verdict.status().ToString());
    FUZZ_CHECK(verdict.status().message().size() < 512, verdict.status().ToString());
    if (status.ok()) {
      FUZZ_CHECK(status->allowed && status->denied, "input " + Printable(body));
    }
    return 0;
  }
  FUZZ_CHECK(body.size() <= authz::kMaxSubjectAccessReviewResponseBytes, "oversized accepted");
  FUZZ_CHECK(status.ok(), "input " + Printable(body));
  FUZZ_CHECK(verdict->decision == again->decision && verdict->reason == again->reason,
             "input " + Printable(body));
  FUZZ_CHECK(!(status->allowed && status->denied), "input " + Printable(body));
  const authz::Decision expected = status->denied    ? authz::Decision::kDeny
                                   : status->allowed ? authz::Decision::kAllow
                                                     : authz::Decision::kNoOpinion;
  FUZZ_CHECK(verdict->decision == expected, "input " + Printable(body));
  FUZZ_CHECK(verdict->reason == status->reason, "input " + Printable(body));

  // Canonical rewrite round trip (Boost.JSON writes invalid UTF-8 as is, and
  // the parser accepted the original, so the rewrite parses too).
  boost::json::object fields;
  fields["allowed"] = status->allowed;
  fields["denied"] = status->denied;
  fields["reason"] = status->reason;
  fields["evaluationError"] = status->evaluation_error;
  boost::json::object canonical;
  canonical["kind"] = "SubjectAccessReview";
  canonical["status"] = std::move(fields);
  const std::string rewritten = boost::json::serialize(canonical);
  const auto reparsed = authz::ParseSubjectAccessReviewStatus(rewritten);
  if (rewritten.size() <= authz::kMaxSubjectAccessReviewResponseBytes) {
    FUZZ_CHECK(reparsed.ok(), "rewrite " + Printable(rewritten));
    FUZZ_CHECK(*reparsed == *status, "rewrite " + Printable(rewritten));
  }

  CheckForbidden(verdict->reason);
  return 0;
}
