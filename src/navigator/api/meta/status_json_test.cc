#include "navigator/api/meta/status_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace navigator::api {
namespace {

TEST(StatusJsonTest, RendersMetav1StatusWithCauses) {
  Status s(StatusCode::kInvalid, "Pilot.navigator.jetstack.io \"p\" is invalid: x",
           StatusDetails{.name = "p",
                         .group = "navigator.jetstack.io",
                         .kind = "Pilot",
                         .causes = {{"FieldValueRequired", "Required value", "spec.x"}}});
  EXPECT_EQ(boost::json::serialize(StatusToJson(s)),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"Pilot.navigator.jetstack.io \"p\" is invalid: x","reason":"Invalid",)"
            R"("details":{"name":"p","group":"navigator.jetstack.io","kind":"Pilot",)"
            R"("causes":[{"reason":"FieldValueRequired","message":"Required value",)"
            R"("field":"spec.x"}]},"code":422})");
}

TEST(StatusJsonTest, RendersNotFoundWithoutDetails) {
  EXPECT_EQ(boost::json::serialize(StatusToJson(NotFound("nope"))),
            R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
            R"("message":"nope","reason":"NotFound","code":404})");
}

}  // namespace
}  // namespace navigator::api
