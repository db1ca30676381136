// locustpp C++ SDK — a module: what one .so declares, and its entry point.
//   LOCUSTPP_MODULE("com.example.shop", "Shop", "1.0.0", "Browses the shop") {
//     module.user<shopper>("Shopper").task("browse", &shopper::browse);
//     module.on(LOCUSTPP_EVENT_TEST_START, [](const locustpp_event&) { ... });
//   }
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "locustpp/background.hpp"
#include "locustpp/builders.hpp"
#include "locustpp/cluster.hpp"
#include "locustpp/detail/storage.hpp"
#include "locustpp/shape.hpp"

namespace locustpp {

// A command-line argument (Locust's parser.add_argument in
// init_command_line_parser). Read its value with locustpp::option().
struct argument_spec {
  std::string name;  // "--my-argument"
  locustpp_argument_type type = LOCUSTPP_ARG_STRING;
  std::optional<std::string> default_value;  // text form
  std::string help;
  std::string env_var;  // "" = none
  std::vector<std::string> choices;
  bool include_in_web_ui = true;
  bool is_secret = false;
  bool is_required = false;
  bool is_multiple = false;
  std::string group;  // --help section (Locust's argument groups); "" = "Custom arguments"
};

// What a web route handler gets: the request (borrowed for the call) and a
// way to answer. The host serves routes on its web UI.
struct web_request {
  std::string_view method, path, query, body;
  const locustpp_web_request* raw;
};
class web_response {
 public:
  explicit web_response(const locustpp_web_response& writer) : writer_(writer) {}
  void status(int code) const { writer_.set_status(writer_.writer_ctx, code); }
  void header(std::string_view name, std::string_view value) const {
    writer_.add_header(writer_.writer_ctx, to_abi(name), to_abi(value));
  }
  void write(std::string_view bytes) const { writer_.append_body(writer_.writer_ctx, to_abi(bytes)); }
  const locustpp_web_response& raw() const { return writer_; }

 private:
  const locustpp_web_response& writer_;
};
using route_handler = std::function<void(const web_request&, const web_response&)>;

namespace detail {
inline std::int32_t call_route(void* ctx, const locustpp_web_request* request, const locustpp_web_response* response,
                               locustpp_error_buffer error) noexcept {
  try {
    web_request view{from_abi(request->method), from_abi(request->path), from_abi(request->query),
                     from_abi(request->body), request};
    (*static_cast<route_handler*>(ctx))(view, web_response(*response));
    return LOCUSTPP_OK;
  } catch (...) {
    write_error(error, describe_current_exception());
    return LOCUSTPP_FAILED;
  }
}

inline std::int32_t call_listener(void* ctx, const locustpp_event* event, locustpp_error_buffer error) noexcept {
  try {
    (*static_cast<std::function<void(const locustpp_event&)>*>(ctx))(*event);
    return LOCUSTPP_OK;
  } catch (...) {
    write_error(error, describe_current_exception());
    return LOCUSTPP_FAILED;
  }
}
}  // namespace detail

class module {
 public:
  template <class T>
  user_class_builder<T> user(std::string_view class_name) {
    auto& record = storage_.task_sets.emplace_back();
    record.set.name = storage_.keep(class_name);
    auto& user_class = storage_.user_classes.emplace_back();
    user_class.struct_size = sizeof(user_class);
    user_class.name = record.set.name;
    user_class.weight = 1;
    user_class.behaviour = &record.set;
    return user_class_builder<T>(storage_, record, user_class);
  }

  // Any event; the payload type follows the kind (see locustpp/abi/events.h).
  // A listener that throws is reported by the host; the run goes on.
  module& on(locustpp_event_kind kind, std::function<void(const locustpp_event&)> listener) {
    listeners_.push_back({kind, &storage_.listeners.emplace_back(std::move(listener))});
    return *this;
  }
  // The request event, with its payload already unpacked.
  module& on_request(std::function<void(const locustpp_request_event&)> listener) {
    return on_payload<locustpp_request_event>(LOCUSTPP_EVENT_REQUEST, std::move(listener));
  }
  module& on_user_error(std::function<void(const locustpp_user_error_event&)> listener) {
    return on_payload<locustpp_user_error_event>(LOCUSTPP_EVENT_USER_ERROR, std::move(listener));
  }
  // Events without values (control thread).
  module& on_init(std::function<void()> listener) { return on_plain(LOCUSTPP_EVENT_INIT, std::move(listener)); }
  module& on_init_command_line_parser(std::function<void()> listener) {
    return on_plain(LOCUSTPP_EVENT_INIT_COMMAND_LINE_PARSER, std::move(listener));
  }
  module& on_test_start(std::function<void()> listener) {
    return on_plain(LOCUSTPP_EVENT_TEST_START, std::move(listener));
  }
  module& on_test_stopping(std::function<void()> listener) {
    return on_plain(LOCUSTPP_EVENT_TEST_STOPPING, std::move(listener));
  }
  module& on_test_stop(std::function<void()> listener) {
    return on_plain(LOCUSTPP_EVENT_TEST_STOP, std::move(listener));
  }
  module& on_reset_stats(std::function<void()> listener) {
    return on_plain(LOCUSTPP_EVENT_RESET_STATS, std::move(listener));
  }
  module& on_quitting(std::function<void()> listener) { return on_plain(LOCUSTPP_EVENT_QUITTING, std::move(listener)); }
  // Events with values (control thread).
  module& on_quit(std::function<void(int exit_code)> listener) {
    return on_payload<locustpp_quit_event>(
        LOCUSTPP_EVENT_QUIT, [listener = std::move(listener)](const auto& quit) { listener(quit.exit_code); });
  }
  module& on_spawning_complete(std::function<void(std::uint64_t user_count)> listener) {
    return on_payload<locustpp_count_event>(
        LOCUSTPP_EVENT_SPAWNING_COMPLETE, [listener = std::move(listener)](const auto& done) { listener(done.count); });
  }
  // Every 10 s: CPU percent of one core, resident memory in bytes.
  module& on_usage_monitor(std::function<void(double cpu_percent, std::uint64_t memory_bytes)> listener) {
    return on_payload<locustpp_usage_event>(
        LOCUSTPP_EVENT_USAGE_MONITOR,
        [listener = std::move(listener)](const auto& usage) { listener(usage.cpu_percent, usage.memory_bytes); });
  }
  module& on_cpu_warning(std::function<void(double cpu_percent)> listener) {
    return on_payload<locustpp_usage_event>(
        LOCUSTPP_EVENT_CPU_WARNING,
        [listener = std::move(listener)](const auto& usage) { listener(usage.cpu_percent); });
  }

  // Master and workers (see cluster.hpp). A worker, before each report (every 3 s and at quit):
  module& on_report_to_master(std::function<void(report_writer& report)> listener) {
    return on_payload<locustpp_node_event>(LOCUSTPP_EVENT_REPORT_TO_MASTER,
                                           [listener = std::move(listener)](const auto& event) {
                                             report_writer report(event.report);
                                             listener(report);
                                           });
  }
  // The master, for each worker's report.
  module& on_worker_report(std::function<void(const report_reader& report)> listener) {
    return on_payload<locustpp_node_event>(LOCUSTPP_EVENT_WORKER_REPORT,
                                           [listener = std::move(listener)](const auto& event) {
                                             listener(report_reader(event.report, from_abi(event.client_id)));
                                           });
  }
  // The master, when a worker reports ready (at connect and after each stop).
  module& on_worker_connect(std::function<void(std::string_view node_id)> listener) {
    return on_payload<locustpp_node_event>(
        LOCUSTPP_EVENT_WORKER_CONNECT,
        [listener = std::move(listener)](const auto& event) { listener(from_abi(event.client_id)); });
  }
  // The master answered a worker's heartbeat / a worker got the master's answer.
  module& on_heartbeat_sent(std::function<void(std::string_view node_id, double timestamp)> listener) {
    return on_payload<locustpp_node_event>(
        LOCUSTPP_EVENT_HEARTBEAT_SENT,
        [listener = std::move(listener)](const auto& event) { listener(from_abi(event.client_id), event.timestamp); });
  }
  module& on_heartbeat_received(std::function<void(std::string_view node_id, double timestamp)> listener) {
    return on_payload<locustpp_node_event>(
        LOCUSTPP_EVENT_HEARTBEAT_RECEIVED,
        [listener = std::move(listener)](const auto& event) { listener(from_abi(event.client_id), event.timestamp); });
  }

  // Background work started at every test start (see background.hpp).
  module& background(std::string_view name, background_function body) {
    auto& stored = background_bodies_.emplace_back(std::move(body));
    auto& job = backgrounds_.emplace_back();
    job.struct_size = sizeof(job);
    job.name = storage_.keep(name);
    job.start = &detail::start_background;
    job.start_ctx = &stored;
    job.abort_run = &detail::abort_run;
    return *this;
  }

  // A load shape (see shape.hpp); it overrides -u, -r and -t.
  module& shape(std::string_view name, shape_function tick) {
    auto& stored = shape_states_.emplace_back();
    stored.tick = std::move(tick);
    auto& shape = shapes_.emplace_back();
    shape.struct_size = sizeof(shape);
    shape.name = storage_.keep(name);
    shape.tick = &detail::tick_shape;
    shape.shape_ctx = &stored;
    return *this;
  }

  module& argument(const argument_spec& spec) {
    auto& argument = storage_.arguments.emplace_back();
    argument.struct_size = sizeof(argument);
    argument.name = storage_.keep(spec.name);
    argument.type = spec.type;
    argument.default_value = spec.default_value ? storage_.keep(*spec.default_value) : nullptr;
    argument.help = storage_.keep(spec.help);
    argument.env_var = spec.env_var.empty() ? nullptr : storage_.keep(spec.env_var);
    argument.choices = storage_.keep_all(spec.choices);
    argument.choice_count = static_cast<std::uint32_t>(spec.choices.size());
    auto flag = [](bool set, locustpp_argument_flags value) { return set ? std::uint32_t{value} : 0u; };
    argument.flags = flag(!spec.include_in_web_ui, LOCUSTPP_ARG_HIDE_FROM_WEB_UI) |
                     flag(spec.is_secret, LOCUSTPP_ARG_SECRET) | flag(spec.is_required, LOCUSTPP_ARG_REQUIRED) |
                     flag(spec.is_multiple, LOCUSTPP_ARG_MULTIPLE);
    argument.group = spec.group.empty() ? nullptr : storage_.keep(spec.group);
    return *this;
  }

  // A web route ("GET", "/extend"); `prefix` also matches paths below it.
  module& route(std::string_view method, std::string_view path, route_handler handler, bool prefix = false) {
    auto& route = routes_.emplace_back();
    route.struct_size = sizeof(route);
    route.method = storage_.keep(method);
    route.path = storage_.keep(path);
    route.flags = prefix ? std::uint32_t{LOCUSTPP_ROUTE_PREFIX} : 0u;
    route.handler = &detail::call_route;
    route.route_ctx = &route_handlers_.emplace_back(std::move(handler));
    return *this;
  }

  // Hands every declaration to the host; throws, naming every one the host
  // refused, when it refused any (the host logs why for each).
  void commit(const locustpp_registrar& registrar) {
    for (auto& record : storage_.task_sets) {
      record.set.tasks = record.tasks.data();
      record.set.task_count = static_cast<std::uint32_t>(record.tasks.size());
    }
    for (const auto& user_class : storage_.user_classes) {
      check(registrar.add_user_class(registrar.registrar_ctx, &user_class), "user class", user_class.name);
    }
    for (const auto& [kind, listener] : listeners_) {
      check(registrar.add_event_listener(registrar.registrar_ctx, kind, &detail::call_listener, listener),
            "event listener", "");
    }
    for (auto& argument : storage_.arguments) {
      if (argument.group != nullptr && host().abi_minor < 1) {
        // Argument groups came with ABI 1.1: an older host lists the
        // argument without one (and would refuse the larger struct).
        log(LOCUSTPP_LOG_WARNING, std::string("this host (ABI 1.0) has no argument groups: ") + argument.name +
                                      " is listed without its group '" + argument.group + "'");
        argument.group = nullptr;
        argument.struct_size = offsetof(locustpp_argument, group);
      }
      check(registrar.add_argument(registrar.registrar_ctx, &argument), "argument", argument.name);
    }
    for (const auto& route : routes_) {
      check(registrar.add_web_route(registrar.registrar_ctx, &route), "web route", route.path);
    }
    for (const auto& job : backgrounds_) {
      check(registrar.add_background(registrar.registrar_ctx, &job), "background job", job.name);
    }
    for (const auto& shape : shapes_) {
      check(registrar.add_shape(registrar.registrar_ctx, &shape), "load shape", shape.name);
    }
    if (!refused_.empty()) throw std::runtime_error("the host refused " + refused_);
  }

 private:
  void check(std::int32_t status, std::string_view what, std::string_view name) {
    if (status == LOCUSTPP_OK) return;
    if (!refused_.empty()) refused_ += ", ";
    refused_ += std::string(what) + (name.empty() ? "" : " ") + std::string(name);
  }
  module& on_plain(locustpp_event_kind kind, std::function<void()> listener) {
    return on(kind, [listener = std::move(listener)](const locustpp_event&) { listener(); });
  }
  template <class Payload, class Listener>
  module& on_payload(locustpp_event_kind kind, Listener listener) {
    return on(kind, [listener = std::move(listener)](const locustpp_event& event) {
      listener(*static_cast<const Payload*>(event.payload));
    });
  }

  struct listener_entry {
    locustpp_event_kind kind;
    void* ctx;
  };
  detail::module_storage storage_;
  std::string refused_;  // what the host refused at commit, for the error
  std::vector<listener_entry> listeners_;
  std::deque<locustpp_web_route> routes_;  // stable addresses: the host keeps them
  std::deque<route_handler> route_handlers_;
  std::deque<locustpp_background> backgrounds_;
  std::deque<background_function> background_bodies_;
  std::deque<locustpp_shape> shapes_;
  std::deque<detail::stored_shape> shape_states_;
};

// The first value of an option, by name without dashes ("users",
// "my-argument"); empty when unset. Any thread, after registration.
inline std::string_view option(std::string_view name) {
  locustpp_string value{};
  return host().option_value(to_abi(name), 0, &value) > 0 ? from_abi(value) : std::string_view{};
}
// The first value of an option as a T (int, long, double, bool,
// std::string...), nullopt when unset:
//   auto items = locustpp::option<int>("item-count").value_or(10);
// Throws std::invalid_argument naming the option when the text is no T.
template <class T>
std::optional<T> option(std::string_view name) {
  static_assert(std::is_same_v<T, std::string> || std::is_same_v<T, bool> || std::is_arithmetic_v<T>,
                "option<T>: T is a number type, bool or std::string");
  locustpp_string raw{};
  if (host().option_value(to_abi(name), 0, &raw) == 0) return std::nullopt;
  std::string_view text = from_abi(raw);
  auto refuse = [&](const char* what) {
    return std::invalid_argument("option --" + std::string(name) + ": '" + std::string(text) + "' is not " + what);
  };
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(text);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off") return false;
    throw refuse("true or false");
  } else if constexpr (std::is_integral_v<T>) {
    T value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) throw refuse("a whole number in range");
    return value;
  } else {
    std::string copy(text);  // strtod: libc++ 14 has no from_chars for floating point
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size()) throw refuse("a number");
    return static_cast<T>(value);
  }
}

// Every value of a multi-valued option.
inline std::vector<std::string_view> option_values(std::string_view name) {
  locustpp_string value{};
  std::uint32_t count = host().option_value(to_abi(name), 0, &value);
  std::vector<std::string_view> values;
  for (std::uint32_t i = 0; i < count; ++i) {
    host().option_value(to_abi(name), i, &value);
    values.push_back(from_abi(value));
  }
  return values;
}

namespace detail {
template <void (*Define)(module&)>
std::int32_t register_module(const locustpp_host_api* host, const locustpp_registrar* registrar,
                             locustpp_error_buffer error) noexcept {
  // Lives until the process ends (the host keeps pointers into it); held by
  // a static so it stays reachable, which leak checkers expect.
  static module* declared = nullptr;
  try {
    host_api = host;
    declared = new module();
    Define(*declared);
    declared->commit(*registrar);
    return LOCUSTPP_OK;
  } catch (...) {
    write_error(error, describe_current_exception());
    delete declared;  // refused: the host drops the module and all it declared
    declared = nullptr;
    return LOCUSTPP_FAILED;
  }
}
}  // namespace detail

}  // namespace locustpp

// Defines the module's entry point; the braces that follow declare its
// contents through `module`.
#define LOCUSTPP_MODULE(ID, NAME, VERSION, DESCRIPTION)                           \
  static void locustpp_declare_module(::locustpp::module& module);                \
  LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) { \
    static const locustpp_module_descriptor descriptor = {                        \
        sizeof(locustpp_module_descriptor),                                       \
        LOCUSTPP_ABI_MAJOR,                                                       \
        LOCUSTPP_ABI_MINOR,                                                       \
        ID,                                                                       \
        NAME,                                                                     \
        VERSION,                                                                  \
        DESCRIPTION,                                                              \
        &::locustpp::detail::register_module<&locustpp_declare_module>};          \
    return &descriptor;                                                           \
  }                                                                               \
  static void locustpp_declare_module(::locustpp::module& module)
