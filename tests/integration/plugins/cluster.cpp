// Test plugin: the locustpp side of the cluster tests (cluster_test.cpp),
// the same class as locust/cluster_locustfile.py, so that a Python Locust
// master and our workers agree on what "Reader" is.
#include <locustpp/locustpp.hpp>

namespace {

struct reader : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> bytes() { co_await client.get("/bytes/100"); }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.cluster", "Cluster", "1.0.0", "The scenario of cluster_locustfile.py") {
  module.user<reader>("Reader")
      .wait_time(locustpp::constant(0.05))
      .task("index", &reader::index)
      .task("bytes", &reader::bytes);
}
