// ELF header checks (see elf_check.hpp).
#include "plugin/elf_check.hpp"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <vector>

namespace locustpp::plugin {
namespace {

// The machine this host was built for: a module must match it.
#if defined(__x86_64__)
constexpr std::uint16_t host_machine = EM_X86_64;
#elif defined(__aarch64__)
constexpr std::uint16_t host_machine = EM_AARCH64;
#else
constexpr std::uint16_t host_machine = EM_NONE;  // not checked
#endif

bool read_at(int fd, std::uint64_t offset, void* into, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    ssize_t n = ::pread(fd, static_cast<char*>(into) + got, size - got, static_cast<off_t>(offset + got));
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

std::string truncated(std::uint64_t file_size, std::uint64_t needed, const char* what) {
  return fmt::format("truncated or corrupt: the file has {} bytes but its {} extend to byte {}", file_size, what,
                     needed);
}

std::optional<std::string> check_headers(int fd, std::uint64_t file_size) {
  Elf64_Ehdr header{};
  if (file_size < sizeof(header) || !read_at(fd, 0, &header, sizeof(header)) ||
      std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
    return "not a shared object (no ELF header): build it with locustpp_add_plugin";
  }
  if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB) {
    return "not a 64-bit little-endian ELF file, as this host is";
  }
  if (host_machine != EM_NONE && header.e_machine != host_machine) {
    return fmt::format("built for another machine (ELF machine {}, this host is {})", header.e_machine, host_machine);
  }
  if (header.e_type != ET_DYN) return "an ELF file, but not a shared object (e_type is not ET_DYN)";
  if (header.e_phentsize != sizeof(Elf64_Phdr) || header.e_phnum == 0) return "ELF program headers are missing";
  std::uint64_t headers_end = header.e_phoff + std::uint64_t{header.e_phnum} * sizeof(Elf64_Phdr);
  if (headers_end > file_size) return truncated(file_size, headers_end, "program headers");
  std::vector<Elf64_Phdr> segments(header.e_phnum);
  if (!read_at(fd, header.e_phoff, segments.data(), segments.size() * sizeof(Elf64_Phdr))) {
    return "cannot read the ELF program headers";
  }
  for (const Elf64_Phdr& segment : segments) {
    if (segment.p_type != PT_LOAD && segment.p_type != PT_DYNAMIC) continue;
    std::uint64_t end = segment.p_offset + segment.p_filesz;
    if (end < segment.p_offset || end > file_size) return truncated(file_size, end, "loadable segments");
  }
  if (header.e_shoff != 0) {
    std::uint64_t sections_end = header.e_shoff + std::uint64_t{header.e_shnum} * header.e_shentsize;
    if (sections_end > file_size) return truncated(file_size, sections_end, "section headers");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> elf_problem(const std::filesystem::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fmt::format("cannot open: {}", std::strerror(errno));
  struct stat info {};
  std::optional<std::string> problem;
  if (::fstat(fd, &info) != 0) {
    problem = fmt::format("cannot stat: {}", std::strerror(errno));
  } else if (!S_ISREG(info.st_mode)) {
    problem = "not a regular file";
  } else {
    problem = check_headers(fd, static_cast<std::uint64_t>(info.st_size));
  }
  ::close(fd);
  return problem;
}

}  // namespace locustpp::plugin
