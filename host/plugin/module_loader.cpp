// Loading modules with Boost.DLL (see module_loader.hpp).
#define BOOST_DLL_USE_STD_FS
#include "plugin/module_loader.hpp"

#include <dlfcn.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <fmt/format.h>
#include <algorithm>
#include <boost/dll/shared_library.hpp>
#include <map>

#include "plugin/abi_struct.hpp"
#include "plugin/code_site.hpp"
#include "plugin/elf_check.hpp"
#include "plugin/registrar.hpp"

namespace locustpp::plugin {
namespace {

namespace fs = std::filesystem;

void refuse(std::vector<load_failure>& failures, const fs::path& file, std::string_view check, std::string details) {
  failures.push_back({file.string(), fmt::format("{}: {}: {}", file.string(), check, details)});
}

// Boost.DLL clears dlerror(); ask the loader once more for its own words
// (which name the missing library or symbol).
std::string dlopen_diagnostic(const fs::path& file, std::string fallback) {
  void* handle = dlopen(fs::absolute(file).c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle != nullptr) {
    dlclose(handle);
    return fallback;
  }
  const char* reason = dlerror();
  return reason != nullptr ? reason : fallback;
}

// Admitted modules stay mapped until the process ends, whatever owns the
// catalog: their code and data back pointers the host keeps, thread-exit
// handlers, and statics that must not vanish before exit.
void keep_loaded_until_exit(std::shared_ptr<boost::dll::shared_library> library) {
  static auto* never_unloaded = new std::vector<std::shared_ptr<boost::dll::shared_library>>();
  never_unloaded->push_back(std::move(library));
}

// The same file named twice (-f x.so -f ./x.so, or -f x.so and its folder)
// is loaded once: a second load would only be refused as a duplicate id.
std::vector<fs::path> without_repeats(std::vector<fs::path> files) {
  std::vector<fs::path> kept;
  std::map<std::pair<dev_t, ino_t>, fs::path> seen;
  for (auto& file : files) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0) {
      auto [first, inserted] = seen.emplace(std::make_pair(info.st_dev, info.st_ino), file);
      if (!inserted) {
        spdlog::warn("module file {} is given more than once (also as {}): loaded once", file.string(),
                     first->second.string());
        continue;
      }
    }
    kept.push_back(std::move(file));
  }
  return kept;
}

}  // namespace

std::vector<fs::path> find_module_files(const std::vector<std::string>& locustfiles,
                                        const std::vector<std::string>& plugin_dirs,
                                        std::vector<load_failure>& failures) {
  std::vector<fs::path> files;
  auto add_folder = [&](const fs::path& folder) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".so") found.push_back(entry.path());
    }
    if (ec) refuse(failures, folder, "cannot read folder", ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  };
  for (const auto& name : locustfiles) {
    fs::path path(name);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      add_folder(path);
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      refuse(failures, path, "not found", "no such file or folder");
    }
  }
  for (const auto& folder : plugin_dirs) {
    std::error_code ec;
    if (fs::is_directory(folder, ec)) {
      add_folder(folder);
    } else {
      refuse(failures, folder, "not found", "--plugin-dir is not a folder");
    }
  }
  return without_repeats(std::move(files));
}

bool load_module(const fs::path& file, const locustpp_host_api& host, catalog& into,
                 std::vector<load_failure>& failures, std::span<extension_registrations* const> extensions) {
  // rtld_now surfaces missing symbols here, not later on a worker thread;
  // rtld_local keeps two modules' internal symbols apart.
  if (auto problem = elf_problem(file)) {
    refuse(failures, file, "not a loadable module", *problem);
    return false;
  }
  // Its static constructors run inside load(): a crash there names the file.
  code_site loading{file.string(), "loading (static initialisers)"};
  code_site_guard in_module(loading);
  auto library = std::make_shared<boost::dll::shared_library>();
  std::error_code ec;
  library->load(fs::absolute(file), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    refuse(failures, file, "cannot load", dlopen_diagnostic(file, ec.message()));
    return false;
  }
  loading.label = "locustpp_module_entry()";
  if (!library->has(LOCUSTPP_ENTRY_SYMBOL)) {
    refuse(
        failures, file, "entry symbol missing",
        fmt::format("no '{}' function (build it with LOCUSTPP_MODULE and locustpp_add_plugin)", LOCUSTPP_ENTRY_SYMBOL));
    return false;
  }
  auto& entry = library->get<const locustpp_module_descriptor*()>(LOCUSTPP_ENTRY_SYMBOL);
  const locustpp_module_descriptor* raw = entry();
  if (raw == nullptr) {
    refuse(failures, file, "entry returned no descriptor", "locustpp_module_entry() returned NULL");
    return false;
  }
  if (raw->abi_major != LOCUSTPP_ABI_MAJOR) {
    refuse(failures, file, "ABI major version mismatch",
           fmt::format("module has ABI {}.{}, this host has ABI {}.{}", raw->abi_major, raw->abi_minor,
                       LOCUSTPP_ABI_MAJOR, LOCUSTPP_ABI_MINOR));
    return false;
  }
  std::string error;
  auto descriptor = read_abi_struct(raw, "module descriptor", error);
  if (!descriptor) {
    refuse(failures, file, "struct size not supported", error);
    return false;
  }
  if (descriptor->register_module == nullptr || descriptor->id == nullptr || *descriptor->id == '\0') {
    refuse(failures, file, "required field missing",
           descriptor->register_module == nullptr ? "register_module is NULL" : "id is empty");
    return false;
  }
  for (const auto& loaded : into.modules) {
    if (loaded->id == descriptor->id) {
      refuse(failures, file, "duplicate module id",
             fmt::format("'{}' is already loaded from {}", loaded->id, loaded->path));
      return false;
    }
  }
  auto module = std::make_unique<loaded_module>();
  module->path = file.string();
  module->id = descriptor->id;
  module->name = descriptor->name != nullptr ? descriptor->name : module->id;
  module->version = descriptor->version != nullptr ? descriptor->version : "";
  module->description = descriptor->description != nullptr ? descriptor->description : "";
  module->abi_minor = descriptor->abi_minor;
  module->host = std::make_unique<module_host_table>(module_host_table{host, module.get()});

  registrar collector(*module, into);
  char message[1024];
  std::size_t message_size = 0;
  loading = {module->id, "register_module() (from " + module->path + ")"};
  std::int32_t status = descriptor->register_module(&module->host->table, &collector.abi(),
                                                    locustpp_error_buffer{message, sizeof(message), &message_size});
  if (status != LOCUSTPP_OK || !collector.errors().empty()) {
    std::string why = status != LOCUSTPP_OK && message_size > 0 ? std::string(message, message_size) : "";
    for (const auto& refused : collector.errors()) why += (why.empty() ? "" : "; ") + refused;
    refuse(failures, file, "registration failed", why.empty() ? "register_module returned an error" : why);
    for (const std::string& conflict : collector.argument_conflicts()) into.argument_conflicts.push_back(conflict);
    for (extension_registrations* extension : extensions) extension->forget_module(module->id);
    return false;  // `library` is released here: the module is unloaded
  }
  collector.merge_into(into);
  keep_loaded_until_exit(library);
  into.modules.push_back(std::move(module));
  return true;
}

}  // namespace locustpp::plugin
