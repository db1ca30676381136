// Built with clang++ -stdlib=libc++ and loaded by the g++/libstdc++ host:
// only C types cross the boundary, so the two standard libraries never meet.
#include <locustpp/locustpp.hpp>

#include <string>

struct libcxx_user : locustpp::http_user {
  locustpp::task<> hit() {
    std::string path = "/";  // a libc++ string, used only inside the module
    auto r = co_await client.get(path);
    if (r.status() != 200) throw std::runtime_error("unexpected status");
  }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.libcxx", "libc++ module", "1.0.0", "Built with clang and libc++") {
  module.user<libcxx_user>("LibcxxUser").wait_time(locustpp::constant(0.01)).task("hit", &libcxx_user::hit);
}
