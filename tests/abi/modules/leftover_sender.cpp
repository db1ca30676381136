// A well-formed module beside refused_after_extensions: at the start of a
// test it sends a message of the refused module's type to this process, and
// it runs one user that GETs "/sender".
#include <locustpp/locustpp.hpp>

struct sender_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get("/status/200?module=sender", {.name = "/sender"}); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.leftover_sender", "LeftoverSender", "1.0.0",
                "Sends a message nobody should handle") {
  module.on_test_start([] { locustpp::send_message("leftover", locustpp::value::map().set("n", 1)); });
  module.user<sender_user>("Sender").wait_time(locustpp::constant(0.05)).task("hit", &sender_user::hit);
}
