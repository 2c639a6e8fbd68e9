#pragma once

// Admission as kube-apiserver runs it: after authorization, before a write
// reaches storage, each plugin may refuse the request.
//
// Threading: Admit is called concurrently from worker threads.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "navigator/base/status.h"

namespace navigator::apiserver::admission {

enum class Operation { kCreate, kUpdate, kDelete };

struct Attributes {
  Operation operation = Operation::kCreate;
  std::string namespace_;  // "" for cluster-scoped objects
  std::string group;
  std::string resource;  // plural
  std::string subresource;
  std::string name;  // "" for a create: then the object's metadata.name, if any
  // The request body (the object for create and update, the patch for
  // patch); valid during the call only.
  std::string_view body;
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  // OK admits; an error is the answer to the client.
  virtual Status Admit(const Attributes& attributes) const = 0;
};

// Plugins run in order; the first refusal is the answer.
class Chain final : public Plugin {
 public:
  explicit Chain(std::vector<std::unique_ptr<const Plugin>> plugins)
      : plugins_(std::move(plugins)) {}
  Status Admit(const Attributes& attributes) const override {
    for (const auto& plugin : plugins_) {
      if (Status s = plugin->Admit(attributes); !s.ok()) return s;
    }
    return OkStatus();
  }
  bool empty() const { return plugins_.empty(); }

 private:
  std::vector<std::unique_ptr<const Plugin>> plugins_;
};

// kube's admission.NewForbidden: `<resource>.<group> "<name>" is forbidden: <why>`.
Status Forbidden(const Attributes& attributes, std::string_view why);

}  // namespace navigator::apiserver::admission
