#include "navigator/client/kubeconfig.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "navigator/client/base64.h"

namespace navigator::client {
namespace {

constexpr std::size_t kMaxKubeconfigBytes = 1024 * 1024;
constexpr std::size_t kMaxReferencedFileBytes = 1024 * 1024;

// Reads at most `limit` bytes of `path`; errors are messages without the
// path (callers name it).
Result<std::string> ReadBounded(const std::string& path, std::size_t limit) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return BadRequest("is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return BadRequest(std::error_code(errno, std::generic_category()).message());
  std::string contents;
  char buffer[16 * 1024];
  while (in) {
    in.read(buffer, sizeof buffer);
    contents.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (contents.size() > limit) return BadRequest(fmt::format("over {} KiB", limit >> 10));
  }
  if (in.bad()) return BadRequest("read error");
  return contents;
}

// Resolves the fields of one kubeconfig; every error names the origin.
class Resolver {
 public:
  Resolver(std::string_view origin, const std::string& base_dir)
      : origin_(origin), base_dir_(base_dir) {}

  Status Error(std::string_view problem) const {
    return BadRequest(fmt::format("kubeconfig {}: {}", origin_, problem));
  }

  // The map at `node`, or an error for anything else (null is an empty map).
  Status CheckMap(const YAML::Node& node, std::string_view where) const {
    if (!node || node.IsNull() || node.IsMap()) return OkStatus();
    return Error(fmt::format("{}: expected a mapping", where));
  }

  // A string field of `map` ("" when absent or null).
  Result<std::string> String(const YAML::Node& map, std::string_view key,
                             std::string_view where) const {
    if (!map || !map.IsMap()) return std::string();
    const YAML::Node value = map[std::string(key)];
    if (!value || value.IsNull()) return std::string();
    if (!value.IsScalar()) return Error(fmt::format("{}.{}: expected a string", where, key));
    return value.Scalar();
  }

  Result<bool> Bool(const YAML::Node& map, std::string_view key, std::string_view where) const {
    if (!map || !map.IsMap()) return false;
    const YAML::Node value = map[std::string(key)];
    if (!value || value.IsNull()) return false;
    bool out = false;
    if (!value.IsScalar() || !YAML::convert<bool>::decode(value, out)) {
      return Error(fmt::format("{}.{}: expected true or false", where, key));
    }
    return out;
  }

  // Finds the entry named `name` in the list `key` ("clusters", ...) and
  // returns its `field` ("cluster", ...) mapping. Checks the whole list's
  // shape: entries are mappings with a unique, non-empty name.
  Result<YAML::Node> Named(const YAML::Node& root, std::string_view key, std::string_view field,
                           std::string_view name) const {
    const YAML::Node list = root[std::string(key)];
    std::optional<YAML::Node> found;
    if (list && !list.IsNull()) {
      if (!list.IsSequence()) return Error(fmt::format("{}: expected a list", key));
      std::vector<std::string> seen;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = fmt::format("{}[{}]", key, i);
        const YAML::Node entry = list[i];
        if (!entry.IsMap()) return Error(fmt::format("{}: expected a mapping", where));
        NAVIGATOR_ASSIGN_OR_RETURN(std::string entry_name, String(entry, "name", where));
        if (entry_name.empty()) return Error(fmt::format("{}: no name", where));
        for (const std::string& other : seen) {
          if (other == entry_name) {
            return Error(fmt::format("{}: duplicate name \"{}\"", where, entry_name));
          }
        }
        seen.push_back(entry_name);
        const YAML::Node body = entry[std::string(field)];
        NAVIGATOR_RETURN_IF_ERROR(CheckMap(body, where + "." + std::string(field)));
        if (entry_name == name && !found) found = body;
      }
    }
    if (!found) {
      return Error(fmt::format("{} \"{}\" not found", field, name));
    }
    return *found;
  }

  std::string Resolve(const std::string& path) const {
    if (path.empty() || path.front() == '/' || base_dir_.empty()) return path;
    return (std::filesystem::path(base_dir_) / path).string();
  }

  // The contents of file `key` or decoded `key`-data; at most one of them.
  Result<std::string> FileOrData(const YAML::Node& map, std::string_view key,
                                 std::string_view where) const {
    NAVIGATOR_ASSIGN_OR_RETURN(std::string file, String(map, key, where));
    const std::string data_key = std::string(key) + "-data";
    NAVIGATOR_ASSIGN_OR_RETURN(std::string data, String(map, data_key, where));
    if (!file.empty() && !data.empty()) {
      return Error(fmt::format("{}: both {} and {} are set; keep one", where, key, data_key));
    }
    if (!data.empty()) {
      std::optional<std::string> decoded = Base64Decode(data);
      if (!decoded) return Error(fmt::format("{}.{}: not valid base64", where, data_key));
      return std::move(*decoded);
    }
    if (file.empty()) return std::string();
    const std::string path = Resolve(file);
    auto contents = ReadBounded(path, kMaxReferencedFileBytes);
    if (!contents.ok()) {
      return Error(fmt::format("{}.{}: {}: {}", where, key, path, contents.status().message()));
    }
    return std::move(*contents);
  }

  Result<RestConfig> Parse(const YAML::Node& root, std::string_view wanted_context) const {
    if (!root || root.IsNull()) return Error("empty document");
    if (!root.IsMap()) return Error("expected a mapping at the top level");
    NAVIGATOR_ASSIGN_OR_RETURN(std::string current, String(root, "current-context", "kubeconfig"));
    const std::string context_name = wanted_context.empty() ? current : std::string(wanted_context);
    if (context_name.empty()) return Error("no context given and no current-context set");

    NAVIGATOR_ASSIGN_OR_RETURN(YAML::Node context,
                               Named(root, "contexts", "context", context_name));
    const std::string cwhere = fmt::format("context \"{}\"", context_name);
    NAVIGATOR_ASSIGN_OR_RETURN(std::string cluster_name, String(context, "cluster", cwhere));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string user_name, String(context, "user", cwhere));
    RestConfig config;
    NAVIGATOR_ASSIGN_OR_RETURN(config.namespace_, String(context, "namespace", cwhere));
    if (cluster_name.empty()) return Error(fmt::format("{} names no cluster", cwhere));

    NAVIGATOR_ASSIGN_OR_RETURN(YAML::Node cluster,
                               Named(root, "clusters", "cluster", cluster_name));
    const std::string kwhere = fmt::format("cluster \"{}\"", cluster_name);
    NAVIGATOR_ASSIGN_OR_RETURN(config.server, String(cluster, "server", kwhere));
    if (config.server.empty()) return Error(fmt::format("{} has no server", kwhere));
    NAVIGATOR_ASSIGN_OR_RETURN(config.tls_server_name, String(cluster, "tls-server-name", kwhere));
    NAVIGATOR_ASSIGN_OR_RETURN(config.insecure_skip_tls_verify,
                               Bool(cluster, "insecure-skip-tls-verify", kwhere));
    NAVIGATOR_ASSIGN_OR_RETURN(config.certificate_authority_pem,
                               FileOrData(cluster, "certificate-authority", kwhere));
    if (config.insecure_skip_tls_verify && !config.certificate_authority_pem.empty()) {
      return Error(fmt::format(
          "{}: insecure-skip-tls-verify and a certificate authority exclude each other", kwhere));
    }
    NAVIGATOR_ASSIGN_OR_RETURN(std::string proxy, String(cluster, "proxy-url", kwhere));
    if (!proxy.empty()) return Error(fmt::format("{}: proxy-url is not supported", kwhere));

    if (user_name.empty()) return config;  // anonymous
    NAVIGATOR_ASSIGN_OR_RETURN(const YAML::Node user, Named(root, "users", "user", user_name));
    const std::string uwhere = fmt::format("user \"{}\"", user_name);
    if (user && user.IsMap()) {
      for (const char* unsupported : {"auth-provider", "exec"}) {
        const YAML::Node value = user[unsupported];
        if (value && !value.IsNull()) {
          return Error(
              fmt::format("{}: {} is not supported; use a client certificate or a token (file)",
                          uwhere, unsupported));
        }
      }
      for (const char* unsupported :
           {"username", "password", "as", "as-uid", "as-groups", "as-user-extra"}) {
        const YAML::Node value = user[unsupported];
        if (value && !value.IsNull()) {
          return Error(fmt::format("{}: {} is not supported", uwhere, unsupported));
        }
      }
    }
    NAVIGATOR_ASSIGN_OR_RETURN(config.client_certificate_pem,
                               FileOrData(user, "client-certificate", uwhere));
    NAVIGATOR_ASSIGN_OR_RETURN(config.client_key_pem, FileOrData(user, "client-key", uwhere));
    if (config.client_certificate_pem.empty() != config.client_key_pem.empty()) {
      return Error(
          fmt::format("{}: a client certificate needs a client key and vice versa", uwhere));
    }
    NAVIGATOR_ASSIGN_OR_RETURN(config.bearer_token, String(user, "token", uwhere));
    NAVIGATOR_ASSIGN_OR_RETURN(std::string token_file, String(user, "tokenFile", uwhere));
    config.bearer_token_file = Resolve(token_file);
    return config;
  }

 private:
  std::string_view origin_;
  const std::string& base_dir_;
};

}  // namespace

Result<RestConfig> ParseKubeconfig(std::string_view yaml, std::string_view origin,
                                   const std::string& base_dir, std::string_view context) {
  const Resolver resolver(origin, base_dir);
  if (yaml.size() > kMaxKubeconfigBytes) {
    return resolver.Error(fmt::format("over {} KiB", kMaxKubeconfigBytes >> 10));
  }
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    return resolver.Parse(root, context);
  } catch (const YAML::Exception& e) {
    return resolver.Error(fmt::format("malformed YAML: {}", e.what()));
  } catch (const std::exception& e) {
    return resolver.Error(fmt::format("cannot be read: {}", e.what()));
  }
}

Result<RestConfig> LoadKubeconfig(const std::string& path, std::string_view context) {
  auto contents = ReadBounded(path, kMaxKubeconfigBytes);
  if (!contents.ok()) {
    return BadRequest(fmt::format("kubeconfig {}: {}", path, contents.status().message()));
  }
  const std::string base_dir = std::filesystem::path(path).parent_path().string();
  return ParseKubeconfig(*contents, path, base_dir, context);
}

}  // namespace navigator::client
