// A node's id as Locust makes it: "<hostname>_<32 hex digits>" (the worker's
// ZeroMQ identity and the node_id of every message it sends).
#pragma once

#include <string>

namespace locustpp::cluster {

std::string make_node_id();
// 128 random bits in hex from OpenSSL's generator: a secret a master gives
// one worker, which a peer copying the worker's public id does not know.
std::string make_secret_token();

}  // namespace locustpp::cluster
