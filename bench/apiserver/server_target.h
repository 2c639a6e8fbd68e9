#pragma once

// The API server target: Pilots over HTTPS, one RestClient (and so one
// keep-alive connection) per client. The same requests work against
// navigator-apiserver and against kube-apiserver serving Pilots as a CRD.
//
// What each op does and times (README.md has the user-facing version):
//   create         POST a new Pilot into <ns>-create
//   get            GET a pool object (round robin over the whole pool)
//   update         PUT a pool object this client owns, with the
//                  resourceVersion it last saw (from its previous PUT; a
//                  GET, untimed, first and after a 409)
//   update-status  the same through /status
//   list-100/1000  GET the list of <ns>-list-100 / <ns>-list-1000
// The pool holds max(pool_objects, clients) objects; client i owns those
// whose index is i modulo clients, so clients never conflict with each
// other.

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "bench/apiserver/target.h"
#include "navigator/client/rest_config.h"

namespace navigator::bench::loadgen {

struct ServerTargetOptions {
  client::RestConfig rest;
  std::string namespace_ = "bench";  // base name (pilot_paths.h)
  int64_t value_bytes = 0;           // PilotJson padding target
  int pool_objects = 100;
  // Makes created names unique across runs on the same server.
  std::string run_id;
  // Check every list answer holds exactly the expected objects (parses it:
  // costs client CPU; for smoke runs).
  bool verify = false;
  std::ostream* progress = nullptr;  // required
};

// Errors: kBadRequest when the RestConfig is unusable.
Result<std::unique_ptr<Target>> NewServerTarget(ServerTargetOptions options);

}  // namespace navigator::bench::loadgen
