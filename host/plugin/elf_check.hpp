// A look at a module file before the dynamic loader maps it. dlopen trusts
// the ELF headers: a truncated copy of a good plugin (an interrupted copy,
// a full disk) makes it read past the end of the mapping and die of SIGBUS,
// even for --list. Checking the headers against the file's size first turns
// that into a refusal with a reason.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace locustpp::plugin {

// Why `file` cannot be a loadable shared object for this host (not ELF,
// another architecture, not a shared object, truncated), or nullopt when
// its headers are consistent with its size.
std::optional<std::string> elf_problem(const std::filesystem::path& file);

}  // namespace locustpp::plugin
