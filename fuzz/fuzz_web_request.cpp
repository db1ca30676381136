// The web UI's handling of what one connection sends, in-process: the
// bytes go through Beast's request parser with the server's limits, each
// request read becomes a web_request (web/beast_messages), the whole
// dispatch answers it (web/request_dispatch: Host and origin checks, the
// login, Locust's API over a real controller, a module's routes, the page)
// and the answer is written as the server writes it. The first byte picks
// the options the UI runs with (login, base path, bind address, allowed
// hosts, class picker, HTTPS, --host). Checks that nothing escapes the
// dispatch as an exception and that every answer can be written: a status
// of 100-999 and header fields without CR, LF or NUL.
//
// Not covered here: sockets, TLS and timers (a delayed answer is written at
// once), the web bundle (npm builds it; no /assets here), and the worker
// threads: a started test's users are placed on workers that never run, as
// the controller's loop is not running.
#include <spdlog/logger.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "abi/abi_text.hpp"
#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "locustpp/abi/web.h"
#include "locustpp/abi/web_ui.h"
#include "plugin/catalog.hpp"
#include "runtime/control_loop.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/host_services.hpp"
#include "runtime/startup.hpp"
#include "runtime/test_plan.hpp"
#include "web/beast_messages.hpp"
#include "web/form_fields.hpp"
#include "web/request_dispatch.hpp"
#include "web/ui_extensions.hpp"

#include "fuzz_require.hpp"

namespace {

using namespace locustpp;

constexpr std::size_t max_requests = 8;                 // a connection's worth; more only slows the search
const locustpp_web_extension* web_extension = nullptr;  // as a module gets it from get_extension

void* no_task(void*, void*, locustpp_run*) {
  return nullptr;
}

// A module's route that answers what the request asks of it (status,
// header, redirect, failure): what route_writer and plugin_routes must
// survive from any module.
std::int32_t echo_route(void*, const locustpp_web_request* request, const locustpp_web_response* response,
                        locustpp_error_buffer error) {
  const web::form_fields query(view_of(request->query));
  if (query.last("fail")) return abi_status("asked to fail", error);
  if (auto status = query.last("status")) {
    const long long asked = std::strtoll(status->c_str(), nullptr, 10);
    response->set_status(response->writer_ctx,
                         static_cast<std::int32_t>(std::clamp<long long>(asked, INT32_MIN, INT32_MAX)));
  }
  if (auto header = query.last("header")) {
    const std::size_t colon = header->find(':');
    response->add_header(
        response->writer_ctx, abi_of(std::string_view(*header).substr(0, colon)),
        abi_of(colon == std::string::npos ? std::string_view{} : std::string_view(*header).substr(colon + 1)));
  }
  if (auto location = query.last("redirect")) {
    response->set_status(response->writer_ctx, 302);
    response->add_header(response->writer_ctx, abi_of("Location"), abi_of(*location));
  }
  response->append_body(response->writer_ctx, request->body);
  return LOCUSTPP_OK;
}

// A module's login callback (--web-login): admin gets in, anyone else gets
// the login page's error message.
std::int32_t login_route(void*, const locustpp_web_request* request, const locustpp_web_response* response,
                         locustpp_error_buffer) {
  const web::form_fields form(view_of(request->body));
  if (form.last("username") == "admin") {
    web_extension->log_in(response, abi_of("admin"));
    response->set_status(response->writer_ctx, 302);
    response->add_header(response->writer_ctx, abi_of("Location"), abi_of("/"));
  } else {
    web_extension->login_message(response, abi_of(form.last("username").value_or("") + " is not known"), 1);
  }
  return LOCUSTPP_OK;
}

// What one loaded module would have declared: two user classes, an
// argument shown in the web UI, the two routes above.
const plugin::catalog& fuzz_catalog() {
  static const plugin::catalog catalog = [] {
    plugin::catalog made;
    auto module = std::make_unique<plugin::loaded_module>();
    module->id = "dev.locustpp.fuzz";
    module->name = "fuzz";
    for (const char* name : {"WebUser", "ApiUser"}) {
      auto user = std::make_unique<plugin::user_class_model>();
      user->name = name;
      user->module = module.get();
      user->behaviour.name = name;
      plugin::task_model task;
      task.name = "index";
      task.site = {module->id, std::string(name) + ".index"};
      task.start = &no_task;
      task.tags = {"browse"};
      user->behaviour.tasks.push_back(std::move(task));
      made.user_classes.push_back(std::move(user));
    }
    cli::plugin_argument size;
    size.name = "--shop-size";
    size.type = cli::argument_type::integer;
    size.default_value = "10";
    size.choices = {"1", "10", "100"};
    size.owner = module->id;
    made.arguments.push_back(size);
    made.routes.push_back({"*", "/echo", true, &echo_route, nullptr, module.get(), {module->id, "web route * /echo"}});
    made.routes.push_back({"POST",
                           "/auth/callback",
                           false,
                           &login_route,
                           nullptr,
                           module.get(),
                           {module->id, "web route /auth/callback"}});
    made.modules.push_back(std::move(module));
    return made;
  }();
  return catalog;
}

// The options a web UI runs with, from the input's first byte.
cli::run_options options_of(std::uint8_t mode) {
  cli::run_options options;
  options.threads = 1;
  options.max_users_per_process = 100;  // a swarm of a million users would only slow the search
  options.locustfiles = {"shop.so"};
  options.plugin_values["shop-size"] = {"10"};
  switch (mode & 3) {
    case 1:
      options.web_auth = "admin:secret";
      break;
    case 2:
      options.web_login = true;
      break;
    case 3:
      options.web_login = true;
      options.web_auth = "admin:secret";
      break;
    default:
      break;
  }
  if ((mode & 4) != 0) options.web_base_path = "/locust/";
  if ((mode & 8) != 0) options.web_host = "0.0.0.0";
  if ((mode & 16) != 0) options.web_allowed_hosts = {"locust.example.com", "*.svc.test"};
  options.class_picker = (mode & 32) != 0;
  if ((mode & 64) != 0) options.tls_cert = options.tls_key = "unused.pem";  // the UI's own origin is https://
  if ((mode & 128) != 0) options.host = "http://shop.test:8080";
  return options;
}

// Everything one web UI's requests reach, made anew for every input so that
// a crash replays from its input alone.
struct web_ui_parts {
  explicit web_ui_parts(std::uint8_t mode) : options(options_of(mode)), events(fuzz_catalog()), state(control, events) {
    web_extension = &extensions.install();
    if (options.web_login) {
      extensions.set_login("dev.locustpp.fuzz",
                           R"({"username_password_callback": "/auth/callback", "auth_providers": [{"label": "SSO", )"
                           R"("callback_url": "/auth/sso", "icon_url": "/sso.png"}]})");
    }
    extensions.add_tab("dev.locustpp.fuzz", "cache", "Cache", R"([{"key": "name", "title": "Name"}])");
    extensions.publish_rows("cache", R"([{"name": "<script>"}])");
    runtime::publish_option_values(options, state);
    controller = std::make_unique<control::controller>(options, fuzz_catalog(),
                                                       runtime::make_test_plan(fuzz_catalog(), options), events, state);
    dispatch = std::make_unique<web::request_dispatch>(options, fuzz_catalog(), extensions, *controller, state.options);
  }

  cli::run_options options;
  runtime::event_bus events;
  runtime::control_loop control;
  runtime::host_state state;
  web::ui_extensions extensions;
  std::unique_ptr<control::controller> controller;
  std::unique_ptr<web::request_dispatch> dispatch;
};

// The answer as the server writes it: every field fit for the wire.
void write_like_the_server(web::web_response answered, bool keep_alive) {
  web::beast_response response;
  web::write_answer(response, std::move(answered), keep_alive);
  FUZZ_REQUIRE(response.result_int() >= 100 && response.result_int() <= 999);
  for (const auto& field : response) {
    const std::string_view name(field.name_string().data(), field.name_string().size());
    const std::string_view value(field.value().data(), field.value().size());
    FUZZ_REQUIRE(!name.empty() && name.find_first_of(std::string_view(" :\r\n\0", 5)) == std::string_view::npos);
    FUZZ_REQUIRE(value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Everything is logged (its formatting is fuzzed too) to no sink but the
  // one /logs reads.
  auto quiet = std::make_shared<spdlog::logger>("fuzz");
  quiet->set_level(spdlog::level::trace);
  spdlog::set_default_logger(quiet);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  web_ui_parts ui(data[0]);
  std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);

  for (std::size_t served = 0; served < max_requests && !wire.empty(); ++served) {
    web::beast_request_parser parser;
    web::limit_request_size(parser);
    parser.eager(true);
    boost::system::error_code ec;
    while (!parser.is_done() && !ec) {
      const std::size_t used = parser.put(boost::asio::buffer(wire.data(), wire.size()), ec);
      wire.remove_prefix(used);
      if (ec == boost::beast::http::error::need_more || (!ec && used == 0)) {
        ec = {};
        parser.put_eof(ec);  // the connection ends here
        break;
      }
    }
    if (ec == boost::beast::http::error::body_limit || ec == boost::beast::http::error::header_limit) {
      return write_like_the_server(web::web_response::text("request too large\n", 413), false), 0;
    }
    if (ec || !parser.is_done()) return 0;  // the server closes the connection

    web::beast_request message = parser.release();
    const bool keep_alive = message.keep_alive();
    web::web_request request = web::request_of(std::move(message), "192.0.2.7");
    web::web_response answered;
    try {
      answered = ui.dispatch->handle(request);
    } catch (const std::exception& error) {
      // The server answers 500 and goes on; a request that gets there is a finding all the same.
      std::fprintf(stderr, "check failed: the dispatch threw: %s\n", error.what());
      std::abort();
    }
    write_like_the_server(std::move(answered), keep_alive);
    if (!keep_alive) return 0;
  }
  return 0;
}
