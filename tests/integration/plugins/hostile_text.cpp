// Test plugin for the text safety test: the text given in --hostile-hex (as
// hex, so it can hold NUL, CR, LF, ESC and bytes that are not UTF-8) goes
// into every place a plugin's text reaches the outputs: request names, a
// request type, a failure() message, a fired request's exception and a
// task's exception. Each iteration also requests the fault server's
// /hostile-status, whose status line the target fills with such bytes.
#include <locustpp/locustpp.hpp>

#include <stdexcept>
#include <string>

namespace {

std::string hostile_text() {
  const std::string_view hex = locustpp::option("hostile-hex");
  std::string text;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    text += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return text;
}

struct hostile_user : locustpp::http_user {
  std::string text = hostile_text();

  locustpp::task<> hostile() {
    co_await client.get("/ok", {.name = "/ok " + text});
    auto caught = co_await client.get("/ok", {.name = "caught " + text, .catch_response = true});
    caught.failure("failure " + text);
    locustpp::fire_request(handle(), {.request_type = "TYPE " + text,
                                      .name = "fired " + text,
                                      .response_time_ms = 1.0,
                                      .exception = "error " + text});
    co_await client.get("/hostile-status");
    throw std::runtime_error("exception " + text);  // what() ends at the first NUL
  }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.hostile_text", "Hostile text", "1.0.0",
                "Names, failures and exceptions carrying control characters and invalid UTF-8") {
  module.argument({.name = "--hostile-hex", .default_value = "", .help = "the hostile text, hex-encoded"});
  module.user<hostile_user>("Hostile").wait_time(locustpp::constant(0.2)).task("hostile", &hostile_user::hostile);
}
