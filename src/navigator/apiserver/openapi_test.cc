// The published OpenAPI documents (v3 and Swagger 2.0) and how they are
// served: references resolve, every property is described, kinds carry their
// group-version-kind, the paths cover every verb with kube's parameters, and
// the HTTP layer negotiates, caches and redirects as kube-apiserver does.

#include "navigator/apiserver/openapi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "navigator/apiserver/api_handler.h"
#include "navigator/apiserver/openapi_handler.h"
#include "navigator/storage/memory_storage.h"

namespace navigator::apiserver {
namespace {

namespace bj = boost::json;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kPrefix[] = "io.jetstack.navigator.v1alpha1.";
constexpr char kMeta[] = "io.k8s.apimachinery.pkg.apis.meta.v1.";
constexpr char kEsPath[] =
    "/apis/navigator.jetstack.io/v1alpha1/namespaces/{namespace}/elasticsearchclusters";

std::string S(const bj::value& v) {
  return std::string(v.as_string());
}

// Every "$ref" anywhere in `v`.
void CollectRefs(const bj::value& v, std::vector<std::string>& out) {
  if (const auto* o = v.if_object()) {
    for (const auto& kv : *o) {
      if (kv.key() == "$ref") out.push_back(S(kv.value()));
      CollectRefs(kv.value(), out);
    }
  } else if (const auto* a = v.if_array()) {
    for (const auto& e : *a) CollectRefs(e, out);
  }
}

// Paths (schema.property...) of properties without a description.
void CollectUndescribed(const bj::object& schema, const std::string& path,
                        std::vector<std::string>& out) {
  if (const auto* props = schema.if_contains("properties")) {
    for (const auto& kv : props->as_object()) {
      const auto& sub = kv.value().as_object();
      const std::string child = path + "." + std::string(kv.key());
      if (!sub.contains("description") || S(sub.at("description")).empty()) out.push_back(child);
      CollectUndescribed(sub, child, out);
    }
  }
  for (const char* key : {"items", "additionalProperties"}) {
    if (const auto* sub = schema.if_contains(key); sub && sub->is_object()) {
      CollectUndescribed(sub->as_object(), path, out);
    }
  }
}

bj::object Gvk(std::string_view kind, std::string_view group = "navigator.jetstack.io",
               std::string_view version = "v1alpha1") {
  return {{"group", group}, {"kind", kind}, {"version", version}};
}

class OpenApiDocumentTest : public ::testing::TestWithParam<bool> {
 protected:
  bool v3() const { return GetParam(); }
  bj::object Doc() const { return v3() ? BuildOpenApiV3GroupVersion() : BuildOpenApiV2(); }
  const bj::object& Schemas(const bj::object& doc) const {
    return v3() ? doc.at("components").at("schemas").as_object()
                : doc.at("definitions").as_object();
  }
  std::string RefPrefix() const { return v3() ? "#/components/schemas/" : "#/definitions/"; }
};

TEST_P(OpenApiDocumentTest, EveryReferenceResolves) {
  const bj::object doc = Doc();
  std::vector<std::string> refs;
  CollectRefs(doc, refs);
  EXPECT_THAT(refs, Contains(RefPrefix() + kMeta + "ObjectMeta"));
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind(RefPrefix(), 0), 0u) << ref;
    EXPECT_TRUE(Schemas(doc).contains(ref.substr(RefPrefix().size()))) << ref;
  }
}

TEST_P(OpenApiDocumentTest, EverySchemaAndPropertyIsDescribed) {
  const bj::object doc = Doc();
  std::vector<std::string> undescribed;
  for (const auto& kv : Schemas(doc)) {
    const auto& schema = kv.value().as_object();
    if (!schema.contains("description")) undescribed.push_back(std::string(kv.key()));
    CollectUndescribed(schema, std::string(kv.key()), undescribed);
  }
  EXPECT_THAT(undescribed, IsEmpty());
}

TEST_P(OpenApiDocumentTest, KindsAndListsCarryTheirGroupVersionKind) {
  const bj::object doc = Doc();
  const auto& schemas = Schemas(doc);
  for (std::string kind : {"ElasticsearchCluster", "CassandraCluster", "Pilot"}) {
    SCOPED_TRACE(kind);
    EXPECT_EQ(schemas.at(kPrefix + kind).at("x-kubernetes-group-version-kind"),
              (bj::array{Gvk(kind)}));
    const auto& list = schemas.at(kPrefix + kind + "List").as_object();
    EXPECT_EQ(list.at("x-kubernetes-group-version-kind"), (bj::array{Gvk(kind + "List")}));
    EXPECT_EQ(list.at("properties").at("items").at("items").at("$ref"),
              bj::value(RefPrefix() + kPrefix + kind));
    EXPECT_EQ(list.at("required"), (bj::array{"items"}));
  }
  for (const char* meta : {"ObjectMeta", "ListMeta", "Status", "DeleteOptions", "Patch",
                           "OwnerReference", "ManagedFieldsEntry", "Time"}) {
    EXPECT_TRUE(schemas.contains(std::string(kMeta) + meta)) << meta;
  }
  EXPECT_EQ(schemas.at(std::string(kMeta) + "Status").at("x-kubernetes-group-version-kind"),
            (bj::array{Gvk("Status", "", "v1")}));
  EXPECT_TRUE(schemas.contains("io.k8s.apimachinery.pkg.api.resource.Quantity"));
  EXPECT_TRUE(schemas.contains("io.k8s.api.core.v1.ResourceRequirements"));
}

TEST_P(OpenApiDocumentTest, MergeKeysArePublished) {
  const bj::object doc = Doc();
  const auto& schemas = Schemas(doc);
  for (std::string spec : {"ElasticsearchClusterSpec", "CassandraClusterSpec"}) {
    const auto& pools = schemas.at(kPrefix + spec).at("properties").at("nodePools");
    EXPECT_EQ(pools.at("x-kubernetes-patch-merge-key"), "name");
    EXPECT_EQ(pools.at("x-kubernetes-patch-strategy"), "merge");
    EXPECT_EQ(pools.at("x-kubernetes-list-type"), "map");
  }
  const auto& meta = schemas.at(std::string(kMeta) + "ObjectMeta").at("properties");
  EXPECT_EQ(meta.at("ownerReferences").at("x-kubernetes-patch-merge-key"), "uid");
  EXPECT_EQ(meta.at("finalizers").at("x-kubernetes-list-type"), "set");
  EXPECT_EQ(meta.at("finalizers").at("x-kubernetes-patch-strategy"), "merge");
  const auto& status = schemas.at(std::string(kPrefix) + "PilotStatus").at("properties");
  EXPECT_EQ(status.at("conditions").at("x-kubernetes-patch-merge-key"), "type");
}

TEST_P(OpenApiDocumentTest, PathsCoverEveryVerbWithKubesParameters) {
  const bj::object doc = Doc();
  const auto& paths = doc.at("paths").as_object();
  EXPECT_EQ(paths.size(), 12u);  // four per kind
  auto param_names = [&](const bj::value& op) {
    std::set<std::string> names;
    if (const auto* params = op.as_object().if_contains("parameters")) {
      for (const auto& p : params->as_array()) names.insert(S(p.at("name")));
    }
    return names;
  };
  const std::string es = kEsPath;
  const auto& collection = paths.at(es).as_object();
  const auto& named = paths.at(es + "/{name}").as_object();
  const auto& status = paths.at(es + "/{name}/status").as_object();
  EXPECT_THAT(param_names(collection), (std::set<std::string>{"namespace", "pretty"}));
  EXPECT_THAT(param_names(named), (std::set<std::string>{"name", "namespace", "pretty"}));

  EXPECT_EQ(collection.at("get").at("x-kubernetes-action"), "list");
  EXPECT_EQ(collection.at("get").at("operationId"),
            "listNavigatorJetstackIoV1alpha1NamespacedElasticsearchCluster");
  EXPECT_THAT(
      param_names(collection.at("get")),
      (std::set<std::string>{"allowWatchBookmarks", "continue", "fieldSelector", "labelSelector",
                             "limit", "resourceVersion", "resourceVersionMatch",
                             "sendInitialEvents", "timeoutSeconds", "watch"}));
  EXPECT_EQ(collection.at("post").at("x-kubernetes-action"), "post");
  EXPECT_EQ(collection.at("delete").at("x-kubernetes-action"), "deletecollection");
  EXPECT_THAT(param_names(collection.at("delete")), Contains("propagationPolicy"));
  EXPECT_THAT(param_names(collection.at("delete")), Contains("gracePeriodSeconds"));
  EXPECT_EQ(named.at("get").at("x-kubernetes-action"), "get");
  EXPECT_EQ(named.at("put").at("x-kubernetes-action"), "put");
  EXPECT_EQ(named.at("delete").at("x-kubernetes-action"), "delete");
  for (const bj::object* path : {&named, &status}) {
    const auto& patch = path->at("patch");
    EXPECT_EQ(patch.at("x-kubernetes-action"), "patch");
    for (const char* p : {"dryRun", "fieldManager", "fieldValidation"}) {
      EXPECT_THAT(param_names(patch), Contains(p));
    }
  }
  EXPECT_EQ(status.at("get").at("operationId"),
            "readNavigatorJetstackIoV1alpha1NamespacedElasticsearchClusterStatus");

  // Every operation names the kind it acts on (the item kind, also for lists).
  for (const auto& path : paths) {
    for (const auto& op : path.value().as_object()) {
      if (op.key() == "parameters") continue;
      const auto& gvk = op.value().at("x-kubernetes-group-version-kind").as_object();
      EXPECT_THAT(S(gvk.at("kind")), ::testing::Not(::testing::EndsWith("List")))
          << path.key() << " " << op.key();
    }
  }
  EXPECT_EQ(paths.at("/apis/navigator.jetstack.io/v1alpha1/elasticsearchclusters")
                .at("get")
                .at("x-kubernetes-group-version-kind"),
            Gvk("ElasticsearchCluster"));
}

TEST_P(OpenApiDocumentTest, PatchAcceptsTheThreePatchTypes) {
  const bj::object doc = Doc();
  const auto& patch = doc.at("paths").at(std::string(kEsPath) + "/{name}").at("patch");
  std::set<std::string> types;
  if (v3()) {
    for (const auto& kv : patch.at("requestBody").at("content").as_object()) {
      types.insert(std::string(kv.key()));
      EXPECT_EQ(kv.value().at("schema").at("$ref"), bj::value(RefPrefix() + kMeta + "Patch"));
    }
  } else {
    for (const auto& t : patch.at("consumes").as_array()) types.insert(S(t));
  }
  EXPECT_EQ(types,
            (std::set<std::string>{"application/json-patch+json", "application/merge-patch+json",
                                   "application/strategic-merge-patch+json"}));
}

INSTANTIATE_TEST_SUITE_P(Versions, OpenApiDocumentTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "V3" : "Swagger2"; });

// Follows a field path through a v3 document the way kubectl explain does:
// properties, $ref, allOf, items and additionalProperties.
const bj::object* Resolve(const bj::object& doc, const bj::object* schema) {
  while (true) {
    if (const auto* all = schema->if_contains("allOf")) {
      schema = &all->as_array().at(0).as_object();
    } else if (const auto* ref = schema->if_contains("$ref")) {
      std::string name = S(*ref).substr(std::string("#/components/schemas/").size());
      schema = &doc.at("components").at("schemas").at(name).as_object();
    } else {
      return schema;
    }
  }
}
const bj::object* Explain(const bj::object& doc, std::string_view kind,
                          std::vector<std::string_view> fields) {
  const bj::object* s =
      &doc.at("components").at("schemas").at(kPrefix + std::string(kind)).as_object();
  for (auto field : fields) {
    s = Resolve(doc, s);
    while (s->contains("items")) s = Resolve(doc, &s->at("items").as_object());
    s = &s->at("properties").at(field).as_object();
  }
  return s;
}

TEST(OpenApiV3Test, ExplainsNestedFields) {
  const bj::object doc = BuildOpenApiV3GroupVersion();
  const bj::object* roles = Explain(doc, "ElasticsearchCluster", {"spec", "nodePools", "roles"});
  EXPECT_THAT(S(roles->at("description")), HasSubstr("data, ingest and master"));
  EXPECT_EQ(roles->at("items").at("type"), "string");
  const bj::object* pools = Explain(doc, "CassandraCluster", {"spec", "nodePools"});
  EXPECT_EQ(pools->at("x-kubernetes-patch-merge-key"), "name");
  // A described reference is wrapped in allOf, as kube does.
  const bj::object* meta = Explain(doc, "Pilot", {"metadata"});
  EXPECT_EQ(meta->at("allOf").at(0).at("$ref"),
            bj::value(std::string("#/components/schemas/") + kMeta + "ObjectMeta"));
  EXPECT_THAT(S(meta->at("description")), HasSubstr("metadata"));
  const bj::object* uid = Explain(doc, "Pilot", {"metadata", "ownerReferences", "uid"});
  EXPECT_EQ(uid->at("type"), "string");
  // Quantity: int-or-string in v3, a plain string in Swagger 2.0.
  EXPECT_TRUE(doc.at("components")
                  .at("schemas")
                  .at("io.k8s.apimachinery.pkg.api.resource.Quantity")
                  .as_object()
                  .contains("anyOf"));
  EXPECT_EQ(bj::serialize(BuildOpenApiV2()).find("anyOf"), std::string::npos);
  EXPECT_EQ(bj::serialize(BuildOpenApiV2()).find("allOf"), std::string::npos);
}

TEST(OpenApiV3Test, IndexNamesTheDocumentByItsHash) {
  const bj::value index = bj::parse(OpenApiV3Index());
  const std::string hash = OpenApiV3GroupVersionDocument().hash;
  EXPECT_EQ(hash.size(), 128u);
  EXPECT_EQ(hash, Sha512Hex(OpenApiV3GroupVersion()));
  EXPECT_EQ(index.at("paths").at("apis/navigator.jetstack.io/v1alpha1").at("serverRelativeURL"),
            bj::value("/openapi/v3/apis/navigator.jetstack.io/v1alpha1?hash=" + hash));
  EXPECT_EQ(Sha512Hex("abc").substr(0, 16), "DDAF35A193617ABA");
  // The cached documents are the built ones.
  EXPECT_EQ(bj::parse(OpenApiV3GroupVersion()), BuildOpenApiV3GroupVersion());
  EXPECT_EQ(bj::parse(OpenApiV2Document().body), BuildOpenApiV2());
  EXPECT_EQ(BuildOpenApiV2().at("swagger"), "2.0");
}

// ------------------------------------------------------------ serving

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

http::Response Get(std::string path, std::vector<std::pair<std::string, std::string>> headers = {},
                   std::string hash = "", std::string method = "GET") {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  if (!hash.empty()) r.query.emplace_back("hash", hash);
  for (auto& h : headers) r.headers.push_back(std::move(h));
  return ServeOpenApi(r, kNow);
}

std::string HeaderOf(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

constexpr char kGv[] = "/openapi/v3/apis/navigator.jetstack.io/v1alpha1";
constexpr char kProtobufV2[] = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

TEST(OpenApiHandlerTest, ServesJsonWithETagAndDefaultCaching) {
  for (const char* path : {"/openapi/v2", "/openapi/v3", "/openapi/v3/", kGv}) {
    SCOPED_TRACE(path);
    auto r = Get(path);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache, private");
    EXPECT_EQ(HeaderOf(r, "Vary"), "Accept");
    EXPECT_EQ(HeaderOf(r, "ETag"), "\"" + Sha512Hex(r.body) + "\"");
    EXPECT_TRUE(bj::parse(r.body).is_object());
  }
  EXPECT_EQ(Get("/openapi/v2").body, OpenApiV2Document().body);
  EXPECT_EQ(Get(kGv).body, OpenApiV3GroupVersion());
}

TEST(OpenApiHandlerTest, MatchingIfNoneMatchIsNotModified) {
  const std::string etag = "\"" + OpenApiV2Document().hash + "\"";
  for (std::string header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    SCOPED_TRACE(header);
    auto r = Get("/openapi/v2", {{"If-None-Match", header}});
    EXPECT_EQ(r.status, 304);
    EXPECT_TRUE(r.body.empty());
    EXPECT_EQ(HeaderOf(r, "ETag"), etag);
  }
  for (std::string header : {std::string("\"other\""), std::string("W/\"\""), std::string(",,"),
                             OpenApiV2Document().hash}) {
    SCOPED_TRACE(header);
    EXPECT_EQ(Get("/openapi/v2", {{"If-None-Match", header}}).status, 200);
  }
}

TEST(OpenApiHandlerTest, HashedUrlIsImmutableAndAStaleHashRedirects) {
  const std::string hash = OpenApiV3GroupVersionDocument().hash;
  auto r = Get(kGv, {}, hash);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "public, immutable");
  EXPECT_EQ(HeaderOf(r, "Expires"), "Wed, 13 Nov 2024 22:13:20 GMT");
  auto cached = Get(kGv, {{"If-None-Match", "\"" + hash + "\""}}, hash);
  EXPECT_EQ(cached.status, 304);
  EXPECT_EQ(HeaderOf(cached, "Cache-Control"), "public, immutable");

  auto stale = Get(kGv, {}, "0123ABCD");
  EXPECT_EQ(stale.status, 301);
  EXPECT_EQ(HeaderOf(stale, "Location"), std::string(kGv) + "?hash=" + hash);
  EXPECT_EQ(HeaderOf(stale, "Cache-Control"), "no-cache, private");
}

TEST(OpenApiHandlerTest, NegotiatesJsonOnly) {
  struct Case {
    std::string accept;
    int code;
  };
  const Case cases[] = {
      {"", 200},
      {"application/json", 200},
      {"*/*", 200},
      {"application/*", 200},
      {"application/json, */*", 200},
      {std::string(kProtobufV2) + ", application/json;q=0.9", 200},
      {"application/com.github.proto-openapi.spec.v3@v1.0+protobuf, */*;q=0.5", 200},
      {kProtobufV2, 406},  // what kubectl 1.36 asks /openapi/v2 for
      {"application/com.github.proto-openapi.spec.v2.v1.0+protobuf", 406},
      {"application/yaml", 406},
      {"application/json;q=0", 406},
      {"text/html, application/xml", 406},
      {";;;,,,", 406},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.accept);
    for (const char* path : {"/openapi/v2", "/openapi/v3", kGv}) {
      auto r = Get(path, {{"Accept", c.accept}});
      EXPECT_EQ(r.status, c.code) << path;
      if (c.code == 406) {
        EXPECT_EQ(bj::parse(r.body).at("reason"), "NotAcceptable");
        EXPECT_THAT(r.body, HasSubstr("application/json"));
      }
    }
  }
}

TEST(OpenApiHandlerTest, UnknownDocumentsAndMethods) {
  for (const char* path : {"/openapi", "/openapi/v1", "/openapi/v3/apis/other.io/v1",
                           "/openapi/v3/apis/navigator.jetstack.io/v1alpha1/", "/openapi/v2/x"}) {
    SCOPED_TRACE(path);
    auto r = Get(path);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(bj::parse(r.body).at("reason"), "NotFound");
  }
  EXPECT_EQ(Get("/openapi/v2", {}, "", "POST").status, 405);
  EXPECT_EQ(Get("/openapi/v2", {}, "", "HEAD").status, 200);
  EXPECT_TRUE(IsOpenApiPath("/openapi/v2"));
  EXPECT_TRUE(IsOpenApiPath("/openapi"));
  EXPECT_FALSE(IsOpenApiPath("/openapiv2"));
  EXPECT_FALSE(IsOpenApiPath("/apis/openapi/v2"));
}

TEST(OpenApiHandlerTest, ApiHandlerRoutesOpenApiBeforeItsOwnNegotiation) {
  storage::MemoryStorage storage;
  FakeClock clock{kNow};
  DefaultRandom random{1};
  ApiHandler handler{registry::StoreContext{&storage, "/registry", &clock, &random}};
  http::Request r;
  r.method = "GET";
  r.path = "/openapi/v2";
  r.target = r.path;
  r.headers.emplace_back("Accept", "application/json");
  auto ok = handler.Handle(r);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(bj::parse(ok.body).at("swagger"), "2.0");
  r.headers = {{"Accept", kProtobufV2}};
  EXPECT_EQ(handler.Handle(r).status, 406);
  r.path = kGv;
  r.headers.clear();
  r.query.emplace_back("hash", OpenApiV3GroupVersionDocument().hash);
  auto gv = handler.Handle(r);
  EXPECT_EQ(gv.status, 200);
  EXPECT_EQ(HeaderOf(gv, "Cache-Control"), "public, immutable");
  EXPECT_EQ(HeaderOf(gv, "Expires"), "Wed, 13 Nov 2024 22:13:20 GMT");
}

}  // namespace
}  // namespace navigator::apiserver
