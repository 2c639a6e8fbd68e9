#include "navigator/client/kubeconfig_chain.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "navigator/client/kubeconfig.h"

namespace navigator::client {
namespace {

constexpr std::size_t kMaxKubeconfigBytes = 1024 * 1024;

Status FileError(std::string_view path, std::string_view problem) {
  return BadRequest(fmt::format("kubeconfig {}: {}", path, problem));
}

// The fields of an entry that name files, per list.
const std::vector<std::string>& PathFields(std::string_view list) {
  static const std::vector<std::string> kCluster = {"certificate-authority"};
  static const std::vector<std::string> kUser = {"client-certificate", "client-key", "tokenFile"};
  static const std::vector<std::string> kNone;
  if (list == "clusters") return kCluster;
  if (list == "users") return kUser;
  return kNone;
}

struct Merged {
  YAML::Node clusters = YAML::Node(YAML::NodeType::Sequence);
  YAML::Node users = YAML::Node(YAML::NodeType::Sequence);
  YAML::Node contexts = YAML::Node(YAML::NodeType::Sequence);
  std::set<std::string> cluster_names, user_names, context_names;
  std::string current_context;
};

// Adds the entries of list `key` ("clusters", ...) of one file that no earlier
// file defined, with relative paths made relative to the file's directory.
Status MergeList(const YAML::Node& root, const std::string& key, const std::string& field,
                 const KubeconfigFile& file, YAML::Node& out, std::set<std::string>& names) {
  const YAML::Node list = root[key];
  if (!list || list.IsNull()) return OkStatus();
  if (!list.IsSequence()) return FileError(file.path, fmt::format("{}: expected a list", key));
  const std::filesystem::path dir = std::filesystem::path(file.path).parent_path();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = fmt::format("{}[{}]", key, i);
    const YAML::Node entry = list[i];
    if (!entry.IsMap()) return FileError(file.path, fmt::format("{}: expected a mapping", where));
    const YAML::Node name_node = entry["name"];
    if (!name_node || !name_node.IsScalar() || name_node.Scalar().empty()) {
      return FileError(file.path, fmt::format("{}: no name", where));
    }
    const std::string name = name_node.Scalar();
    if (!seen.insert(name).second) {
      return FileError(file.path, fmt::format("{}: duplicate name \"{}\"", where, name));
    }
    const YAML::Node body = entry[field];
    if (body && !body.IsNull() && !body.IsMap()) {
      return FileError(file.path, fmt::format("{}.{}: expected a mapping", where, field));
    }
    if (names.count(name) != 0) continue;  // an earlier file wins
    names.insert(name);
    YAML::Node copy = YAML::Clone(entry);
    YAML::Node copy_body = copy[field];
    if (copy_body && copy_body.IsMap() && !dir.empty()) {
      for (const std::string& path_field : PathFields(key)) {
        YAML::Node value = copy_body[path_field];
        if (!value || !value.IsScalar()) continue;
        const std::string path = value.Scalar();
        if (path.empty() || path.front() == '/') continue;
        copy_body[path_field] = (dir / path).string();
      }
    }
    out.push_back(copy);
  }
  return OkStatus();
}

Status MergeFile(const KubeconfigFile& file, Merged& merged) {
  if (file.yaml.size() > kMaxKubeconfigBytes) {
    return FileError(file.path, fmt::format("over {} KiB", kMaxKubeconfigBytes >> 10));
  }
  YAML::Node root;
  try {
    root = YAML::Load(file.yaml);
  } catch (const YAML::Exception& e) {
    return FileError(file.path, fmt::format("malformed YAML: {}", e.what()));
  }
  if (!root || root.IsNull()) return OkStatus();  // an empty file adds nothing
  if (!root.IsMap()) return FileError(file.path, "expected a mapping at the top level");
  const YAML::Node current = root["current-context"];
  if (current && !current.IsNull()) {
    if (!current.IsScalar()) return FileError(file.path, "current-context: expected a string");
    if (merged.current_context.empty()) merged.current_context = current.Scalar();
  }
  NAVIGATOR_RETURN_IF_ERROR(
      MergeList(root, "clusters", "cluster", file, merged.clusters, merged.cluster_names));
  NAVIGATOR_RETURN_IF_ERROR(
      MergeList(root, "users", "user", file, merged.users, merged.user_names));
  NAVIGATOR_RETURN_IF_ERROR(
      MergeList(root, "contexts", "context", file, merged.contexts, merged.context_names));
  return OkStatus();
}

Result<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return FileError(path, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileError(path, std::error_code(errno, std::generic_category()).message());
  std::string contents;
  char buffer[16 * 1024];
  while (in) {
    in.read(buffer, sizeof buffer);
    contents.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (contents.size() > kMaxKubeconfigBytes) {
      return FileError(path, fmt::format("over {} KiB", kMaxKubeconfigBytes >> 10));
    }
  }
  if (in.bad()) return FileError(path, "read error");
  return contents;
}

}  // namespace

std::vector<std::string> KubeconfigPaths(std::string_view kubeconfig_env, std::string_view home) {
  std::vector<std::string> out;
  if (kubeconfig_env.empty()) {
    if (!home.empty()) out.push_back(fmt::format("{}/.kube/config", home));
    return out;
  }
  std::size_t start = 0;
  while (start <= kubeconfig_env.size()) {
    std::size_t end = kubeconfig_env.find(':', start);
    if (end == std::string_view::npos) end = kubeconfig_env.size();
    std::string path(kubeconfig_env.substr(start, end - start));
    if (!path.empty() && std::find(out.begin(), out.end(), path) == out.end()) {
      out.push_back(std::move(path));
    }
    start = end + 1;
  }
  return out;
}

std::vector<std::string> DefaultKubeconfigPaths() {
  const char* env = std::getenv("KUBECONFIG");
  const char* home = std::getenv("HOME");
  return KubeconfigPaths(env == nullptr ? "" : env, home == nullptr ? "" : home);
}

Result<RestConfig> MergeKubeconfigs(const std::vector<KubeconfigFile>& files,
                                    std::string_view context, std::string_view master_override) {
  if (files.empty()) {
    if (!master_override.empty()) {
      RestConfig config;
      config.server = std::string(master_override);
      return config;
    }
    return BadRequest("kubeconfig: no file to load");
  }
  Merged merged;
  try {
    for (const KubeconfigFile& file : files) NAVIGATOR_RETURN_IF_ERROR(MergeFile(file, merged));
  } catch (const std::exception& e) {
    return BadRequest(fmt::format("kubeconfig: cannot be read: {}", e.what()));
  }
  std::vector<std::string_view> names;
  for (const KubeconfigFile& file : files) names.push_back(file.path);
  const std::string origin = fmt::format("{}", fmt::join(names, ", "));

  YAML::Emitter emitter;
  try {
    YAML::Node root(YAML::NodeType::Map);
    root["apiVersion"] = "v1";
    root["kind"] = "Config";
    if (!merged.current_context.empty()) root["current-context"] = merged.current_context;
    root["clusters"] = merged.clusters;
    root["users"] = merged.users;
    root["contexts"] = merged.contexts;
    emitter << root;
  } catch (const std::exception& e) {
    return BadRequest(fmt::format("kubeconfig {}: cannot be merged: {}", origin, e.what()));
  }
  if (!emitter.good()) {
    return BadRequest(
        fmt::format("kubeconfig {}: cannot be merged: {}", origin, emitter.GetLastError()));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(RestConfig config,
                             ParseKubeconfig(emitter.c_str(), origin, std::string(), context));
  if (!master_override.empty()) config.server = std::string(master_override);
  return config;
}

Result<RestConfig> LoadKubeconfigChain(const std::vector<std::string>& paths,
                                       std::string_view context, std::string_view master_override) {
  std::vector<KubeconfigFile> files;
  std::vector<std::string> missing;
  for (const std::string& path : paths) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && (!ec || ec == std::errc::no_such_file_or_directory)) {
      missing.push_back(path);
      continue;
    }
    NAVIGATOR_ASSIGN_OR_RETURN(std::string yaml, ReadFile(path));
    files.push_back(KubeconfigFile{.path = path, .yaml = std::move(yaml)});
  }
  if (files.empty() && master_override.empty()) {
    if (paths.empty()) {
      return BadRequest("kubeconfig: no file given (set KUBECONFIG or HOME, or use --kubeconfig)");
    }
    return BadRequest(fmt::format("kubeconfig: {} {} not exist", fmt::join(missing, ", "),
                                  missing.size() == 1 ? "does" : "do"));
  }
  return MergeKubeconfigs(files, context, master_override);
}

}  // namespace navigator::client
