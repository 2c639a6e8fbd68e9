#include "navigator/authz/subject_access_review.h"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

namespace navigator::authz {

namespace bj = boost::json;

namespace {

void SetIfNotEmpty(bj::object& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

// The JSON type of `value`, with its article.
std::string_view KindName(const bj::value& value) {
  switch (value.kind()) {
    case bj::kind::null:
      return "null";
    case bj::kind::bool_:
      return "a boolean";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_:
      return "a number";
    case bj::kind::string:
      return "a string";
    case bj::kind::array:
      return "an array";
    case bj::kind::object:
      return "an object";
  }
  return "a value";
}

// `text` in double quotes, cut after 64 bytes, control characters as '?':
// answers may be large and odd.
std::string Shortened(std::string_view text) {
  constexpr std::size_t kLimit = 64;
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size() && i < kLimit; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  }
  out += text.size() > kLimit ? "...\"" : "\"";
  return out;
}

Status Malformed(std::string detail) {
  return Internal("the SubjectAccessReview answer from the Kubernetes API server is malformed: " +
                  std::move(detail));
}

// Reads an optional boolean field; null or absent leaves `out` unchanged.
Status ReadBool(const bj::object& status, std::string_view key, bool& out) {
  const bj::value* value = status.if_contains(key);
  if (value == nullptr || value->is_null()) return OkStatus();
  if (!value->is_bool()) {
    return Malformed(fmt::format("status.{} is {}, not a boolean", key, KindName(*value)));
  }
  out = value->get_bool();
  return OkStatus();
}

Status ReadString(const bj::object& status, std::string_view key, std::string& out) {
  const bj::value* value = status.if_contains(key);
  if (value == nullptr || value->is_null()) return OkStatus();
  if (!value->is_string()) {
    return Malformed(fmt::format("status.{} is {}, not a string", key, KindName(*value)));
  }
  out = std::string(value->get_string());
  return OkStatus();
}

}  // namespace

bj::object SubjectAccessReviewFor(const Attributes& attributes) {
  bj::object spec;
  if (attributes.resource_request) {
    bj::object resource;
    SetIfNotEmpty(resource, "namespace", attributes.namespace_);
    SetIfNotEmpty(resource, "verb", attributes.verb);
    SetIfNotEmpty(resource, "group", attributes.api_group);
    SetIfNotEmpty(resource, "version", attributes.api_version);
    SetIfNotEmpty(resource, "resource", attributes.resource);
    SetIfNotEmpty(resource, "subresource", attributes.subresource);
    SetIfNotEmpty(resource, "name", attributes.name);
    spec["resourceAttributes"] = std::move(resource);
  } else {
    bj::object non_resource;
    SetIfNotEmpty(non_resource, "path", attributes.path);
    SetIfNotEmpty(non_resource, "verb", attributes.verb);
    spec["nonResourceAttributes"] = std::move(non_resource);
  }
  const authn::UserInfo& user = attributes.user;
  SetIfNotEmpty(spec, "user", user.name);
  if (!user.groups.empty()) {
    bj::array groups;
    for (const std::string& group : user.groups) groups.emplace_back(group);
    spec["groups"] = std::move(groups);
  }
  if (!user.extra.empty()) {
    bj::object extra;
    for (const auto& [key, values] : user.extra) {
      bj::array list;
      for (const std::string& value : values) list.emplace_back(value);
      extra[key] = std::move(list);
    }
    spec["extra"] = std::move(extra);
  }
  SetIfNotEmpty(spec, "uid", user.uid);

  bj::object review;
  review["apiVersion"] = "authorization.k8s.io/v1";
  review["kind"] = "SubjectAccessReview";
  review["spec"] = std::move(spec);
  return review;
}

Result<SubjectAccessReviewStatus> ParseSubjectAccessReviewStatus(std::string_view body) {
  if (body.size() > kMaxSubjectAccessReviewResponseBytes) {
    return Malformed(fmt::format("the body has {} bytes, more than the limit of {}", body.size(),
                                 kMaxSubjectAccessReviewResponseBytes));
  }
  bj::parse_options options;
  options.max_depth = 32;
  bj::parser parser(bj::storage_ptr(), options);
  bj::error_code ec;
  const std::size_t consumed = parser.write(body.data(), body.size(), ec);
  if (ec) {
    return Malformed(fmt::format("invalid JSON at offset {}: {}", consumed, ec.message()));
  }
  const bj::value document = parser.release();
  const bj::object* review = document.if_object();
  if (review == nullptr) {
    return Malformed(fmt::format("the body is {} in JSON, not an object", KindName(document)));
  }
  if (const bj::value* kind = review->if_contains("kind"); kind != nullptr && !kind->is_null()) {
    if (!kind->is_string() || kind->get_string() != "SubjectAccessReview") {
      return Malformed(fmt::format(
          "kind is {}, not \"SubjectAccessReview\"",
          kind->is_string() ? Shortened(kind->get_string()) : std::string(KindName(*kind))));
    }
  }
  SubjectAccessReviewStatus out;
  const bj::value* status = review->if_contains("status");
  if (status == nullptr || status->is_null()) return out;
  if (!status->is_object()) {
    return Malformed(fmt::format("status is {}, not an object", KindName(*status)));
  }
  const bj::object& fields = status->get_object();
  NAVIGATOR_RETURN_IF_ERROR(ReadBool(fields, "allowed", out.allowed));
  NAVIGATOR_RETURN_IF_ERROR(ReadBool(fields, "denied", out.denied));
  NAVIGATOR_RETURN_IF_ERROR(ReadString(fields, "reason", out.reason));
  NAVIGATOR_RETURN_IF_ERROR(ReadString(fields, "evaluationError", out.evaluation_error));
  return out;
}

Result<Verdict> VerdictOf(const SubjectAccessReviewStatus& status) {
  if (status.allowed && status.denied) {
    return Malformed("status both allows and denies the request");
  }
  if (status.denied) return Verdict{.decision = Decision::kDeny, .reason = status.reason};
  if (status.allowed) return Verdict{.decision = Decision::kAllow, .reason = status.reason};
  return Verdict{.decision = Decision::kNoOpinion, .reason = status.reason};
}

Result<Verdict> ParseSubjectAccessReviewResponse(std::string_view body) {
  NAVIGATOR_ASSIGN_OR_RETURN(const SubjectAccessReviewStatus status,
                             ParseSubjectAccessReviewStatus(body));
  return VerdictOf(status);
}

}  // namespace navigator::authz
