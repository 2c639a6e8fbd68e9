// navigator::client::ParseKubeconfig: kubeconfig YAML into a RestConfig.
//
// Input: an optional first line "#context <name>" (the context to resolve;
// the current-context otherwise), then the kubeconfig text. Inputs that
// could name a device or special file ("dev", "proc", "sys", or any escape
// '\\' that could spell one) are skipped: referenced files are really read,
// and /dev/stdin would block.
//
// Properties:
//  - errors are kBadRequest and their message starts "kubeconfig fuzz: ";
//  - parsing is deterministic;
//  - an accepted config has a server, a client certificate exactly when it
//    has a client key, and no certificate authority when it skips TLS
//    verification; a relative tokenFile is resolved under the base directory.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "navigator/client/kubeconfig.h"

namespace {

using navigator::fuzz::Printable;

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
  const std::string base_dir = "/nonexistent-navigator-fuzz";
  const auto first = navigator::client::ParseKubeconfig(input, "fuzz", base_dir, context);
  const auto second = navigator::client::ParseKubeconfig(input, "fuzz", base_dir, context);
  FUZZ_CHECK(first.ok() == second.ok(), Printable(input));
  if (!first.ok()) {
    FUZZ_CHECK(first.status() == second.status(), first.status().ToString());
    FUZZ_CHECK(first.status().code() == navigator::StatusCode::kBadRequest,
               first.status().ToString());
    FUZZ_CHECK(first.status().message().starts_with("kubeconfig fuzz: "),
               first.status().ToString());
    return 0;
  }
  const navigator::client::RestConfig& config = *first;
  FUZZ_CHECK(config.server == second->server && config.bearer_token == second->bearer_token &&
                 config.client_key_pem == second->client_key_pem,
             Printable(input));
  FUZZ_CHECK(!config.server.empty(), Printable(input));
  FUZZ_CHECK(config.client_certificate_pem.empty() == config.client_key_pem.empty(),
             Printable(input));
  FUZZ_CHECK(!config.insecure_skip_tls_verify || config.certificate_authority_pem.empty(),
             Printable(input));
  FUZZ_CHECK(config.bearer_token_file.empty() || config.bearer_token_file.front() == '/',
             config.bearer_token_file);
  return 0;
}
