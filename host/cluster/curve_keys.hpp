// The key of an authenticated, encrypted cluster link (DESIGN §7a): a
// ZeroMQ CURVE key pair that every node of a cluster holds. The master
// serves with it and admits only clients that prove they hold it too, so
// the key is the cluster's membership, as a shared secret is.
//
// Stored as ZeroMQ's certificate layout (czmq's zcert, so its tools read
// and write the same files):
//     curve
//         public-key = "<40 Z85 characters>"
//         secret-key = "<40 Z85 characters>"
// Lines starting with # are comments.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/environment.hpp"
#include "cli/run_options.hpp"

namespace locustpp::cluster {

struct curve_key_pair {
  std::string public_key;  // Z85, 40 characters
  std::string secret_key;  // Z85, 40 characters
};

// The key pair in `text`; throws cli::config_error naming `origin` and what
// is wrong (no public or secret key, not Z85, a secret key that does not
// belong to the public key).
curve_key_pair parse_key_pair(std::string_view text, std::string_view origin);

// The cluster's key, if any: the file of --cluster-key-file (which only its
// owner may read), else the content of LOCUST_CLUSTER_KEY. Throws
// cli::config_error for a key that cannot be used.
std::optional<curve_key_pair> cluster_key(const cli::run_options& options, const cli::environment_view& env);

// --cluster-key-generate: a new key pair written to `path`, created for its
// owner only (an existing file is not overwritten). Throws cli::config_error.
void generate_key_file(const std::string& path);

}  // namespace locustpp::cluster
