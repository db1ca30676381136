// What modules register through extension tables (message handlers, web UI
// tabs, downloads, login offers) is kept by those extensions, not in the
// catalog. When a module is refused after its registration began, each of
// them forgets what that module added, before its library is unloaded: a
// handler left behind would call into unmapped code.
//
// Thread rules: control thread, while modules load.
#pragma once

#include <string_view>

namespace locustpp::plugin {

class extension_registrations {
 public:
  virtual ~extension_registrations() = default;
  // Forgets everything the module with id `module_id` registered.
  virtual void forget_module(std::string_view module_id) = 0;
};

}  // namespace locustpp::plugin
