// navigator::client::MergeKubeconfigs: several kubeconfig texts merged with
// KUBECONFIG's rules (first definition of a name wins).
//
// Input: an optional first line "#context <name>", then the files' texts
// separated by lines "#file". Inputs that could name a device or special file
// ("dev", "proc", "sys", '\\') are skipped: referenced files are really read.
//
// Properties:
//  - errors are kBadRequest and their message starts "kubeconfig ";
//  - merging is deterministic;
//  - an accepted config has a server, a client certificate exactly when it
//    has a client key, and any token file path is absolute (relative ones are
//    resolved against their file's directory);
//  - a single file merges as ParseKubeconfig reads it (same outcome).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "navigator/client/kubeconfig.h"
#include "navigator/client/kubeconfig_chain.h"

namespace {

using navigator::fuzz::Printable;
namespace client = navigator::client;

bool MayNameSpecialFile(std::string_view text) {
  for (const std::string_view word : {"dev", "proc", "sys", "\\"}) {
    if (text.find(word) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = navigator::fuzz::AsText(data, size);
  if (MayNameSpecialFile(input)) return 0;
  std::string_view context;
  if (input.starts_with("#context ")) {
    const std::size_t end = input.find('\n');
    context = input.substr(9, end == std::string_view::npos ? std::string_view::npos : end - 9);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
  }
  std::vector<client::KubeconfigFile> files;
  for (int i = 0; i < 8; ++i) {
    const std::size_t separator = input.find("\n#file\n");
    const std::string path = "/nonexistent-navigator-fuzz/f" + std::to_string(i) + "/config";
    if (separator == std::string_view::npos || i == 7) {
      files.push_back({path, std::string(input)});
      break;
    }
    files.push_back({path, std::string(input.substr(0, separator))});
    input.remove_prefix(separator + 7);
  }

  const auto first = client::MergeKubeconfigs(files, context);
  const auto second = client::MergeKubeconfigs(files, context);
  FUZZ_CHECK(first.ok() == second.ok(), Printable(files.front().yaml));
  if (!first.ok()) {
    FUZZ_CHECK(first.status() == second.status(), first.status().ToString());
    FUZZ_CHECK(first.status().code() == navigator::StatusCode::kBadRequest,
               first.status().ToString());
    FUZZ_CHECK(first.status().message().starts_with("kubeconfig "), first.status().ToString());
  } else {
    const client::RestConfig& config = *first;
    FUZZ_CHECK(config.server == second->server && config.bearer_token == second->bearer_token,
               Printable(files.front().yaml));
    FUZZ_CHECK(!config.server.empty(), Printable(files.front().yaml));
    FUZZ_CHECK(config.client_certificate_pem.empty() == config.client_key_pem.empty(),
               Printable(files.front().yaml));
    FUZZ_CHECK(config.bearer_token_file.empty() || config.bearer_token_file.front() == '/',
               config.bearer_token_file);
  }
  if (files.size() == 1) {
    const auto single = client::ParseKubeconfig(files[0].yaml, files[0].path,
                                                "/nonexistent-navigator-fuzz/f0", context);
    FUZZ_CHECK(single.ok() == first.ok() ||
                   files[0].yaml.find_first_not_of(" \t\r\n") == std::string::npos,
               Printable(files[0].yaml) +
                   " single: " + (single.ok() ? "ok" : single.status().ToString()) +
                   " merged: " + (first.ok() ? "ok" : first.status().ToString()));
    if (single.ok() && first.ok()) {
      FUZZ_CHECK(single->server == first->server && single->bearer_token == first->bearer_token &&
                     single->namespace_ == first->namespace_ &&
                     single->bearer_token_file == first->bearer_token_file,
                 Printable(files[0].yaml));
    }
  }
  return 0;
}
