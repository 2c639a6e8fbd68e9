#include "navigator/apiserver/options.h"

namespace navigator::apiserver {

void Options::AddFlags(CLI::App& app) {
  app.add_option("--etcd-servers", etcd_servers,
                 "List of etcd servers to connect with (scheme://ip:port), comma separated.")
      ->delimiter(',');
  app.add_option("--etcd-prefix", etcd_prefix, "The prefix to prepend to all etcd keys.")
      ->capture_default_str();
  app.add_option("--etcd-cafile", etcd_cafile, "SSL Certificate Authority file for etcd.");
  app.add_option("--etcd-certfile", etcd_certfile, "SSL certification file for etcd.");
  app.add_option("--etcd-keyfile", etcd_keyfile, "SSL key file for etcd.");
  app.add_option("--etcd-compaction-interval", etcd_compaction_interval_seconds,
                 "Seconds between compactions of etcd's history (0 disables); each compacts to "
                 "the revision seen one interval earlier.")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--bind-address", bind_address, "The IP address to listen on for --secure-port.")
      ->capture_default_str();
  app.add_option("--secure-port", secure_port, "The port to serve HTTPS on (0 picks a free one).")
      ->capture_default_str();
  app.add_option("--tls-cert-file", tls_cert_file,
                 "File containing the default x509 serving certificate (chain).");
  app.add_option("--tls-private-key-file", tls_private_key_file,
                 "File containing the x509 private key matching --tls-cert-file.");
  app.add_option("--cert-dir", cert_dir,
                 "Directory for a generated self-signed certificate when --tls-cert-file and "
                 "--tls-private-key-file are not given; reused on restart.")
      ->capture_default_str();
  app.add_option("--max-connections", max_connections,
                 "Open client connections beyond which new ones wait to be accepted.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--request-timeout", request_timeout_seconds,
                 "Seconds a client may take to send one request.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--worker-threads", worker_threads, "Threads that run request handlers.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--io-threads", io_threads,
                 "Threads that run TLS, HTTP parsing and watch streams; 0 means one per CPU "
                 "(at most 8).")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--watch-cache", watch_cache,
                 "Serve watches from one shared etcd watch per resource (a watch cache).")
      ->capture_default_str();
  app.add_option("--default-watch-cache-size", watch_cache_size,
                 "Events the watch cache keeps per resource, so clients can resume watches "
                 "without going to etcd.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--watch-buffer-size", watch_buffer_size,
                 "Events one watcher may fall behind by before its watch is closed (the client "
                 "then re-watches); a slow client never delays the others.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--min-request-timeout", min_request_timeout_seconds,
                 "A watch without timeoutSeconds ends after a random time between this many "
                 "seconds and twice as many.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--watch-bookmark-interval", watch_bookmark_interval_seconds,
                 "Seconds between BOOKMARK events on watches that allow them.")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  delegation.AddFlags(app);
  app.add_option("-v,--v", verbosity, "Log verbosity; 2 logs every request.")
      ->capture_default_str();
}

Status Options::Validate() const {
  if (etcd_servers.empty()) return BadRequest("--etcd-servers must be specified");
  if (tls_cert_file.empty() != tls_private_key_file.empty()) {
    return BadRequest("--tls-cert-file and --tls-private-key-file must be given together");
  }
  if (etcd_certfile.empty() != etcd_keyfile.empty()) {
    return BadRequest("--etcd-certfile and --etcd-keyfile must be given together");
  }
  if (etcd_prefix.empty() || etcd_prefix.front() != '/') {
    return BadRequest("--etcd-prefix must start with '/'");
  }
  return delegation.Validate();
}

}  // namespace navigator::apiserver
