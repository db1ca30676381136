// locustpp C++ SDK — requests made with your own clients (a database, a
// queue, gRPC...) reported like HTTP ones: they fire the request event and
// land in the statistics.
//   { locustpp::measure m(handle(), "SQL", "select user");  run_query();  }
//   { locustpp::measure m(handle(), "SQL", "insert");  if (!ok) m.failure("constraint"); }
// The time runs from construction to destruction; an exception leaving the
// scope marks the request failed (failure() gives it a message). User thread.
#pragma once

#include <chrono>
#include <cmath>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "locustpp/host.hpp"
#include "locustpp/http.hpp"

namespace locustpp {

// Fires one request event with the fields given (the rest empty).
struct request_report {
  std::string_view request_type;
  std::string_view name;
  double response_time_ms = std::nan("");  // NaN: none
  std::uint64_t response_length = 0;
  std::string_view exception;               // empty = success
  std::vector<field> context;
  std::string_view url;
  double start_time = 0;                    // epoch seconds; 0 = now
};

inline void fire_request(locustpp_user* user, const request_report& report) {
  std::vector<locustpp_pair> context;
  for (const auto& entry : report.context) context.push_back({to_abi(entry.name), to_abi(entry.value)});
  locustpp_request_event event{};
  event.struct_size = sizeof(event);
  event.request_type = to_abi(report.request_type);
  event.name = to_abi(report.name);
  event.response_time_ms = report.response_time_ms;
  event.response_length = report.response_length;
  event.context = context.data();
  event.context_count = static_cast<std::uint32_t>(context.size());
  event.exception = to_abi(report.exception);
  event.start_time = report.start_time != 0
                         ? report.start_time
                         : std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  event.url = to_abi(report.url);
  host().fire_request(user, &event);
}

class measure {
 public:
  measure(locustpp_user* user, std::string request_type, std::string name)
      : user_(user), request_type_(std::move(request_type)), name_(std::move(name)),
        start_wall_(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count()),
        exceptions_at_start_(std::uncaught_exceptions()) {}
  measure(const measure&) = delete;
  measure& operator=(const measure&) = delete;
  ~measure() {
    if (std::uncaught_exceptions() > exceptions_at_start_ && error_.empty()) error_ = "exception while measuring";
    double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    fire_request(user_, {.request_type = request_type_, .name = name_, .response_time_ms = elapsed,
                         .response_length = length_, .exception = error_, .context = context_,
                         .url = {}, .start_time = start_wall_});
  }

  void failure(std::string message) { error_ = std::move(message); }
  void set_response_length(std::uint64_t bytes) { length_ = bytes; }
  void add_context(std::string_view name, std::string_view value) {
    kept_.emplace_back(name);
    kept_.emplace_back(value);
    context_.clear();
    for (std::size_t i = 0; i + 1 < kept_.size(); i += 2) context_.push_back({kept_[i], kept_[i + 1]});
  }

 private:
  locustpp_user* user_;
  std::string request_type_, name_, error_;
  std::uint64_t length_ = 0;
  std::vector<std::string> kept_;
  std::vector<field> context_;
  double start_wall_;
  int exceptions_at_start_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace locustpp
