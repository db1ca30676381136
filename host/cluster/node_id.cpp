// make_node_id (see node_id.hpp): gethostname and 128 random bits.
#include "cluster/node_id.hpp"

#include <fmt/format.h>
#include <unistd.h>

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

}  // namespace locustpp::cluster
