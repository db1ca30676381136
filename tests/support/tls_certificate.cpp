// Self-signed certificates for tests (see tls_certificate.hpp).
#include "tls_certificate.hpp"

#include <cstdlib>
#include <stdexcept>

#include "child_process.hpp"

namespace locustpp::testing {

tls_certificate make_self_signed_certificate() {
  auto dir = make_temp_dir("locustpp-tls");
  tls_certificate made{(dir / "cert.pem").string(), (dir / "key.pem").string()};
  std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + made.key_file + " -out " +
                        made.cert_file +
                        " -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
  return made;
}

}  // namespace locustpp::testing
