// navigator_informer_bench: informer memory per object and watch-event
// throughput of navigator's client::Informer, side by side with client-go's
// shared informer, against one real kube-apiserver (tests/support/
// kube_apiserver.h). bench/informer/run.sh builds both and runs it;
// docs/performance.md has the results and what they mean.
//
// One run: start etcd + kube-apiserver, create --objects ConfigMaps (about
// 1 KiB of data each) in one namespace, write --updates updates once to warm
// the server up, then for each client in turn (navigator: this binary re-run
// with --measure; then every baseline program; --rounds times, in rotated
// order, reporting medians) start it as a child process, which reports its memory before and
// after its informer synced; write --updates merge patches from --writers
// threads; collect the handler call times it reports and join them with the
// writes by resourceVersion. Prints a Markdown table on stdout.
//
// Exit status: 0 when every client saw every update, 1 when one did not or
// failed, 2 for bad flags, 77 when kube-apiserver is not built (a skip).

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench/informer/child_process.h"
#include "bench/informer/child_protocol.h"
#include "bench/informer/configmap_workload.h"
#include "bench/informer/kubeconfig_file.h"
#include "bench/informer/measure_navigator.h"
#include "bench/informer/summary.h"
#include "navigator/base/logging.h"
#include "navigator/client/rest_client.h"
#include "tests/support/kube_apiserver.h"

namespace navigator::bench {
namespace {

constexpr std::string_view kUsage = R"(usage:
  navigator_informer_bench [--smoke | --full] [--objects=N] [--updates=M] [--writers=T]
                           [--rounds=R] [--client-go=PATH] [--client-go-protobuf]
                           [--timeout=SECONDS]
    --smoke: 200 objects, 200 updates, 4 writers, 1 round (the default)
    --full:  10000 objects, 10000 updates, 8 writers, 3 rounds
    --rounds=R: measure every client R times, in rotated order; report medians
    --client-go=PATH: also measure the client-go baseline (bench/informer/baseline)
    --client-go-protobuf: and measure it once more talking protobuf
  navigator_informer_bench --measure --kubeconfig=FILE --namespace=NS --objects=N --updates=M
                           [--timeout=SECONDS]
    (internal: the navigator side, run as a child process)
)";

struct Flags {
  Workload workload;
  std::string client_go;
  bool client_go_protobuf = false;
  int rounds = 1;
  int timeout_seconds = 600;
  bool measure = false;
  std::string kubeconfig;
};

std::optional<int> ParseInt(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

Result<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string_view name = arg.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? "" : arg.substr(eq + 1);
    auto number = [&](int& out) -> Status {
      std::optional<int> parsed = ParseInt(value);
      if (!parsed) {
        return BadRequest(fmt::format("{} needs a non-negative integer, got '{}'", name, value));
      }
      out = *parsed;
      return OkStatus();
    };
    if (arg == "--smoke") {
      flags.workload.objects = 200;
      flags.workload.updates = 200;
      flags.workload.writers = 4;
      flags.rounds = 1;
    } else if (arg == "--full") {
      flags.workload.objects = 10000;
      flags.workload.updates = 10000;
      flags.workload.writers = 8;
      flags.rounds = 3;
    } else if (name == "--rounds") {
      NAVIGATOR_RETURN_IF_ERROR(number(flags.rounds));
      if (flags.rounds == 0) return BadRequest("--rounds must be at least 1");
    } else if (name == "--objects") {
      NAVIGATOR_RETURN_IF_ERROR(number(flags.workload.objects));
    } else if (name == "--updates") {
      NAVIGATOR_RETURN_IF_ERROR(number(flags.workload.updates));
    } else if (name == "--writers") {
      NAVIGATOR_RETURN_IF_ERROR(number(flags.workload.writers));
      if (flags.workload.writers == 0) return BadRequest("--writers must be at least 1");
    } else if (name == "--timeout") {
      NAVIGATOR_RETURN_IF_ERROR(number(flags.timeout_seconds));
    } else if (name == "--client-go" && !value.empty()) {
      flags.client_go = std::string(value);
    } else if (arg == "--client-go-protobuf") {
      flags.client_go_protobuf = true;
    } else if (arg == "--measure") {
      flags.measure = true;
    } else if (name == "--kubeconfig" && !value.empty()) {
      flags.kubeconfig = std::string(value);
    } else if (name == "--namespace" && !value.empty()) {
      flags.workload.ns = std::string(value);
    } else {
      return BadRequest(fmt::format("unknown or incomplete flag '{}'", arg));
    }
  }
  if (flags.measure && flags.kubeconfig.empty()) return BadRequest("--measure needs --kubeconfig");
  if (flags.client_go_protobuf && flags.client_go.empty()) {
    return BadRequest("--client-go-protobuf needs --client-go=PATH");
  }
  if (!flags.client_go.empty() && access(flags.client_go.c_str(), X_OK) != 0) {
    return BadRequest(
        fmt::format("--client-go: '{}' is not an executable file (build it with "
                    "bench/informer/run.sh)",
                    flags.client_go));
  }
  return flags;
}

// Runs one measured client program and drives the updates it must see.
Result<ClientResult> MeasureClient(const std::string& name, std::vector<std::string> argv,
                                   client::RestClient& api, const Flags& flags, int64_t first_seq) {
  const std::chrono::seconds timeout(flags.timeout_seconds);
  fmt::print(stderr, "informer-bench: measuring {}\n", name);
  NAVIGATOR_ASSIGN_OR_RETURN(std::unique_ptr<ChildProcess> child, ChildProcess::Spawn(argv));
  Result<std::string> synced_line = child->ReadLine(timeout);
  if (!synced_line.ok()) {
    return Status(
        synced_line.status().code(),
        fmt::format("{}: before it synced: {} (exit status {})", name,
                    synced_line.status().message(), child->Wait(std::chrono::seconds(5))));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(SyncedReport synced, ParseSyncedLine(*synced_line));
  NAVIGATOR_ASSIGN_OR_RETURN(std::vector<WriteAck> acks,
                             WriteUpdates(api, flags.workload, first_seq));
  Result<std::string> done_line = child->ReadLine(timeout);
  if (!done_line.ok()) {
    return Status(done_line.status().code(), fmt::format("{}: waiting for its updates: {}", name,
                                                         done_line.status().message()));
  }
  NAVIGATOR_ASSIGN_OR_RETURN(DoneReport done, ParseDoneLine(*done_line));
  const int exit_status = child->Wait(std::chrono::seconds(30));
  if (exit_status != 0) {
    fmt::print(stderr, "informer-bench: {} exited with status {}\n", name, exit_status);
  }
  return Summarize(name, synced, done, acks);
}

int RunBenchmark(const Flags& flags) {
  if (Result<std::string> binary = test_support::TestBinary("kube-apiserver"); !binary.ok()) {
    fmt::print(stderr, "informer-bench: skipped: {}\n", binary.status().message());
    return 77;
  }
  char dir_template[] = "/tmp/navigator-informer-bench-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) {
    fmt::print(stderr, "informer-bench: mkdtemp failed\n");
    return 1;
  }
  const std::string dir = dir_template;
  struct RemoveDir {
    std::string path;
    ~RemoveDir() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } remove_dir{dir};

  fmt::print(stderr, "informer-bench: starting etcd and kube-apiserver\n");
  Result<std::unique_ptr<test_support::KubeApiServer>> server =
      test_support::KubeApiServer::Create();
  if (!server.ok()) {
    fmt::print(stderr, "informer-bench: {}\n", server.status().ToString());
    return 1;
  }
  client::RestConfig config = (*server)->admin_config();
  config.namespace_ = flags.workload.ns;
  const std::string kubeconfig = dir + "/kubeconfig";
  if (Status written = WriteKubeconfig(config, kubeconfig); !written.ok()) {
    fmt::print(stderr, "informer-bench: {}\n", written.ToString());
    return 1;
  }
  Result<std::unique_ptr<client::RestClient>> api = client::NewRestClient(config);
  if (!api.ok()) {
    fmt::print(stderr, "informer-bench: {}\n", api.status().ToString());
    return 1;
  }
  fmt::print(stderr, "informer-bench: creating {} ConfigMaps in {}\n", flags.workload.objects,
             flags.workload.ns);
  if (Status created = CreateWorkload(**api, flags.workload); !created.ok()) {
    fmt::print(stderr, "informer-bench: {}\n", created.ToString());
    return 1;
  }

  // A warm-up pass of the same updates with no client watching, so that the
  // first client measured does not pay for kube-apiserver's and etcd's cold
  // start (and the writer's new connections).
  fmt::print(stderr, "informer-bench: warming up with {} updates\n", flags.workload.updates);
  if (Result<std::vector<WriteAck>> warm = WriteUpdates(**api, flags.workload, 0); !warm.ok()) {
    fmt::print(stderr, "informer-bench: {}\n", warm.status().ToString());
    return 1;
  }

  const std::vector<std::string> common = {"--kubeconfig=" + kubeconfig,
                                           "--namespace=" + flags.workload.ns,
                                           fmt::format("--objects={}", flags.workload.objects),
                                           fmt::format("--updates={}", flags.workload.updates)};
  std::vector<std::pair<std::string, std::vector<std::string>>> clients;
  std::vector<std::string> navigator = {std::filesystem::read_symlink("/proc/self/exe").string(),
                                        "--measure",
                                        fmt::format("--timeout={}", flags.timeout_seconds)};
  navigator.insert(navigator.end(), common.begin(), common.end());
  clients.emplace_back("navigator", navigator);
  if (!flags.client_go.empty()) {
    std::vector<std::string> go = {flags.client_go,
                                   fmt::format("--timeout={}s", flags.timeout_seconds)};
    go.insert(go.end(), common.begin(), common.end());
    clients.emplace_back("client-go", go);
    if (flags.client_go_protobuf) {
      go.push_back("--protobuf");
      clients.emplace_back("client-go protobuf", go);
    }
  }

  // Round r measures the clients in order r, r+1, ... (mod their count), so
  // that none is always first or last on the server's history.
  std::vector<std::vector<ClientResult>> rounds(clients.size());
  bool complete = true;
  int64_t first_seq = flags.workload.updates;
  for (int round = 0; round < flags.rounds; ++round) {
    for (size_t k = 0; k < clients.size(); ++k) {
      const size_t i = (static_cast<size_t>(round) + k) % clients.size();
      Result<ClientResult> result =
          MeasureClient(clients[i].first, clients[i].second, **api, flags, first_seq);
      first_seq += flags.workload.updates;
      if (!result.ok()) {
        fmt::print(stderr, "informer-bench: {}\n", result.status().ToString());
        return 1;
      }
      if (result->updates_matched != result->updates_written ||
          result->synced.objects < flags.workload.objects) {
        fmt::print(stderr, "informer-bench: {} saw {} of {} updates and {} of {} objects\n",
                   result->name, result->updates_matched, result->updates_written,
                   result->synced.objects, flags.workload.objects);
        complete = false;
      }
      rounds[i].push_back(*std::move(result));
    }
  }
  std::vector<ClientResult> results;
  for (const std::vector<ClientResult>& client_rounds : rounds) {
    results.push_back(MedianOfRounds(client_rounds));
  }
  fmt::print("objects={} updates={} writers={} rounds={}\n\n{}", flags.workload.objects,
             flags.workload.updates, flags.workload.writers, flags.rounds, FormatTable(results));
  std::fflush(stdout);
  return complete ? 0 : 1;
}

}  // namespace
}  // namespace navigator::bench

int main(int argc, char** argv) {
  navigator::InitLogging(0);
  navigator::Result<navigator::bench::Flags> flags = navigator::bench::ParseFlags(argc, argv);
  if (!flags.ok()) {
    fmt::print(stderr, "navigator_informer_bench: {}\n{}", flags.status().message(),
               navigator::bench::kUsage);
    return 2;
  }
  if (flags->measure) {
    return navigator::bench::MeasureNavigatorInformer(
        {.kubeconfig = flags->kubeconfig,
         .ns = flags->workload.ns,
         .objects = flags->workload.objects,
         .updates = flags->workload.updates,
         .timeout = std::chrono::seconds(flags->timeout_seconds)});
  }
  return navigator::bench::RunBenchmark(*flags);
}
