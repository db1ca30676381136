// Test support: a throw-away self-signed certificate for 127.0.0.1, made
// with Debian's openssl, for HTTPS servers in tests.
#pragma once

#include <string>

namespace locustpp::testing {

struct tls_certificate {
  std::string cert_file, key_file;  // PEM
};

// Throws when openssl fails.
tls_certificate make_self_signed_certificate();

}  // namespace locustpp::testing
