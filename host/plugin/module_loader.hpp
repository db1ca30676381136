// Loads plugin modules (.so) with Boost.DLL and admits them into a catalog
// after the checks of DESIGN.md §2, in order: entry symbol present → ABI
// major equal → struct sizes understood → required callbacks present → id
// not already loaded; then runs the module's registration. A module that
// fails any step is refused (and unloaded) with a message naming the file,
// the check and both values; the others still load.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "plugin/catalog.hpp"
#include "plugin/extension_registrations.hpp"

namespace locustpp::plugin {

struct load_failure {
  std::string path;
  std::string message;  // "<path>: <check>: <details>"
};

// The .so files named by -f/--locustfile (a file or a folder of .so files)
// and --plugin-dir, in a stable order. Missing paths become failures.
std::vector<std::filesystem::path> find_module_files(const std::vector<std::string>& locustfiles,
                                                     const std::vector<std::string>& plugin_dirs,
                                                     std::vector<load_failure>& failures);

// Loads one module into `into`, handing it its own copy of `host` (the
// service table). Returns false (and appends to `failures`) when it is
// refused; a module refused after its registration began is first
// forgotten by every one of `extensions`. Control thread.
bool load_module(const std::filesystem::path& file, const locustpp_host_api& host, catalog& into,
                 std::vector<load_failure>& failures, std::span<extension_registrations* const> extensions = {});

}  // namespace locustpp::plugin
