// A task written as a plain function: tasks are coroutines.
#include <locustpp/locustpp.hpp>

struct shopper : locustpp::http_user {
  void browse() {}
};

LOCUSTPP_MODULE("dev.example.void", "Void task", "1.0", "") {
  module.user<shopper>("Shopper").task("browse", &shopper::browse);
}
