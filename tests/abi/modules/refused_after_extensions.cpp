// Must be refused, and leave nothing behind: before its registration fails
// it registers a message handler, a web UI tab with a download link, and a
// login offer. The host forgets them all before it unloads the library, so
// the message sent later (by leftover_sender) finds no handler instead of
// calling into unmapped code.
#include <locustpp/locustpp.hpp>

#include <cstdio>
#include <stdexcept>

LOCUSTPP_MODULE("io.locustpp.tests.abi.refused_after_extensions", "RefusedAfterExtensions", "1.0.0",
                "Registers extensions, then fails its registration") {
  locustpp::register_message("leftover", [](const locustpp::message&) { std::puts("leftover handler ran"); });
  locustpp::web_ui::add_tab("leftover_tab", "Leftover tab", {{"count", "Count"}});
  locustpp::web_ui::add_download("/leftover.csv", "Leftover download");
  locustpp::web_ui::set_login(R"({"username_password_callback": "/leftover_login"})");
  throw std::runtime_error("registration exploded after extensions");
}
