// make_node_id (see node_id.hpp): gethostname and 128 random bits.
#include "cluster/node_id.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <openssl/rand.h>

#include <random>

namespace locustpp::cluster {

std::string make_node_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::snprintf(host, sizeof host, "localhost");
  std::random_device entropy;
  std::string hex;
  for (int i = 0; i < 4; ++i) hex += fmt::format("{:08x}", entropy());
  return fmt::format("{}_{}", host, hex);
}

std::string make_secret_token() {
  unsigned char bytes[16] = {};
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    std::random_device entropy;  // OpenSSL's generator failed: the system's then
    for (unsigned char& byte : bytes) byte = static_cast<unsigned char>(entropy());
  }
  std::string hex;
  for (unsigned char byte : bytes) hex += fmt::format("{:02x}", byte);
  return hex;
}

}  // namespace locustpp::cluster
