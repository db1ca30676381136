// CURVE key pairs: reading, checking and making them (see curve_keys.hpp).
#include "cluster/curve_keys.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zmq.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/config_error.hpp"

namespace locustpp::cluster {
namespace {

using cli::config_error;

constexpr std::size_t z85_key_length = 40;

// The quoted value of `name = "..."` in the certificate text, or "".
std::string field(std::string_view text, std::string_view name) {
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    if (line.compare(start, name.size(), name) != 0) continue;
    std::size_t open = line.find('"', start + name.size());
    std::size_t close = open == std::string::npos ? std::string::npos : line.find('"', open + 1);
    if (close == std::string::npos) continue;
    return line.substr(open + 1, close - open - 1);
  }
  return "";
}

bool is_z85_key(const std::string& key) {
  std::array<std::uint8_t, 32> bytes{};
  return key.size() == z85_key_length && zmq_z85_decode(bytes.data(), key.c_str()) != nullptr;
}

std::string os_reason() {
  return std::strerror(errno);
}

}  // namespace

curve_key_pair parse_key_pair(std::string_view text, std::string_view origin) {
  curve_key_pair pair{field(text, "public-key"), field(text, "secret-key")};
  if (pair.public_key.empty() || pair.secret_key.empty()) {
    throw config_error(
        fmt::format("{} holds no cluster key: it needs public-key = \"...\" and secret-key = \"...\" "
                    "(locustpp --cluster-key-generate FILE writes one)",
                    origin));
  }
  if (!is_z85_key(pair.public_key) || !is_z85_key(pair.secret_key)) {
    throw config_error(fmt::format("{}: the public-key and secret-key must be 40 Z85 characters each", origin));
  }
  char derived[z85_key_length + 1] = {};
  if (zmq_curve_public(derived, pair.secret_key.c_str()) != 0 || pair.public_key != derived) {
    throw config_error(fmt::format("{}: its secret-key does not belong to its public-key", origin));
  }
  return pair;
}

std::optional<curve_key_pair> cluster_key(const cli::run_options& options, const cli::environment_view& env) {
  if (!options.cluster_key_file) {
    std::optional<std::string> content = cli::lookup_variable(env, "LOCUST_CLUSTER_KEY");
    if (!content) return std::nullopt;
    return parse_key_pair(*content, "environment variable LOCUST_CLUSTER_KEY");
  }
  const std::string& path = *options.cluster_key_file;
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    throw config_error(fmt::format("cannot read the cluster key '{}': {}", path, os_reason()));
  }
  if (!S_ISREG(status.st_mode)) throw config_error(fmt::format("the cluster key '{}' is not a file", path));
  if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    // As ssh refuses a private key others can read: a key they can read is theirs too.
    throw config_error(
        fmt::format("the cluster key '{}' can be read by others (permissions {:04o}): "
                    "chmod 600 '{}'",
                    path, status.st_mode & 07777, path));
  }
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  if (!file) throw config_error(fmt::format("cannot read the cluster key '{}'", path));
  return parse_key_pair(content.str(), fmt::format("the cluster key '{}'", path));
}

void generate_key_file(const std::string& path) {
  char public_key[z85_key_length + 1] = {}, secret_key[z85_key_length + 1] = {};
  if (zmq_curve_keypair(public_key, secret_key) != 0) {
    throw config_error(fmt::format("cannot make a cluster key: this ZeroMQ has no CURVE ({})", os_reason()));
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw config_error(fmt::format("cannot write the cluster key '{}': {}", path, os_reason()));
  std::string text = fmt::format(
      "#   locustpp cluster key (ZeroMQ CURVE): every node of the cluster uses this file.\n"
      "#   Keep it secret: whoever holds it can join the cluster.\n"
      "curve\n"
      "    public-key = \"{}\"\n"
      "    secret-key = \"{}\"\n",
      public_key, secret_key);
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  written = ::close(fd) == 0 && written;
  if (!written) throw config_error(fmt::format("cannot write the cluster key '{}': {}", path, os_reason()));
}

}  // namespace locustpp::cluster
