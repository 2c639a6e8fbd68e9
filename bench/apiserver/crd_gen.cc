// navigator_crd_gen: prints the CustomResourceDefinitions that make
// kube-apiserver serve ElasticsearchCluster, CassandraCluster and Pilot as
// navigator-apiserver does (crd_definition.h), generated from
// navigator-apiserver's OpenAPI schemas -- the kube-apiserver side of the
// benchmark in bench/apiserver/run.sh.
//
// Usage: navigator_crd_gen [--format=list|yaml] [--output=FILE]
//   list  one JSON object, a v1 List of the three CRDs (the default)
//   yaml  a YAML stream, one document per CRD (each written as JSON, which
//         YAML reads unchanged)
// Exit status: 0 written, 1 generation or write failed, 2 bad flags.

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "bench/apiserver/crd_definition.h"

namespace {

namespace bj = boost::json;

int Usage(std::string_view problem) {
  fmt::print(stderr,
             "navigator_crd_gen: {}\nusage: navigator_crd_gen [--format=list|yaml] "
             "[--output=FILE]\n",
             problem);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string format = "list";
  std::string output;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--format=")) {
      format = arg.substr(9);
    } else if (arg.starts_with("--output=")) {
      output = arg.substr(9);
    } else if (arg == "-h" || arg == "--help") {
      Usage("prints the CRDs of navigator.jetstack.io");
      return 0;
    } else {
      return Usage(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (format != "list" && format != "yaml") {
    return Usage(fmt::format("--format must be list or yaml, not '{}'", format));
  }

  navigator::Result<std::vector<bj::object>> crds = navigator::bench::NavigatorCrds();
  if (!crds.ok()) {
    fmt::print(stderr, "navigator_crd_gen: {}\n", crds.status().ToString());
    return 1;
  }
  std::string text;
  if (format == "list") {
    bj::array items;
    for (auto& crd : *crds) items.push_back(std::move(crd));
    text = bj::serialize(bj::object{{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}});
    text += '\n';
  } else {
    for (const auto& crd : *crds) text += fmt::format("---\n{}\n", bj::serialize(crd));
  }
  if (output.empty()) {
    std::cout << text << std::flush;
    return std::cout ? 0 : 1;
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    fmt::print(stderr, "navigator_crd_gen: cannot write {}\n", output);
    return 1;
  }
  return 0;
}
