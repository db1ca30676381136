// locustpp C++ SDK — the HTTP client of a user (Locust's self.client):
//   auto r = co_await client.get("/items", {.name = "/items", .query = {{"page", "2"}}});
//   auto r = co_await client.post("/login", {.json = R"({"user":"a"})", .catch_response = true});
//   if (r.status() != 200) r.failure("login refused");
// Requests go through the host (keep-alive connection and cookies per user);
// each finished request fires the request event and lands in the statistics.
#pragma once

#include <array>
#include <cctype>
#include <coroutine>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "locustpp/host.hpp"

namespace locustpp {

// A name/value pair (header, query parameter, form field, context entry).
// Views: the strings must outlive the co_await of the request.
struct field {
  std::string_view name;
  std::string_view value;
};

struct request_options {
  std::string_view name;              // statistics label; default: path + query
  std::vector<field> headers;
  std::vector<field> query;           // percent-encoded and appended by the host
  std::vector<field> form;            // x-www-form-urlencoded body
  std::string_view json;              // raw JSON text body (application/json)
  std::string_view body;              // raw body
  std::string_view content_type;      // for `body`
  std::vector<field> context;         // request context (wins over the user's)
  bool catch_response = false;        // decide success()/failure() yourself
  bool allow_redirects = true;
  double timeout = 0;                 // seconds; 0 = --network-timeout
};

// The response of one request. Borrowed from the host: valid until this
// user's next request. With catch_response, call success() or failure()
// (or neither: then the status decides); as in Locust, the last call
// decides. The request event fires when this object is destroyed, or at the
// user's next request or the end of the task, whichever comes first.
class response {
 public:
  response(locustpp_user* user, const locustpp_http_response* raw, bool catching) noexcept
      : user_(user), raw_(raw), pending_(catching) {}
  response(response&& other) noexcept
      : user_(other.user_), raw_(other.raw_), pending_(std::exchange(other.pending_, false)),
        context_(std::move(other.context_)) {}
  response(const response&) = delete;
  response& operator=(const response&) = delete;
  response& operator=(response&&) = delete;
  ~response() { settle(LOCUSTPP_SETTLE_DEFAULT, {}); }  // let go: the request is reported

  int status() const noexcept { return raw_->status; }
  std::string_view text() const noexcept { return from_abi(raw_->body); }
  std::string_view url() const noexcept { return from_abi(raw_->url); }
  // Why the request fails by default: transport error or status >= 400.
  std::string_view error() const noexcept { return from_abi(raw_->error); }
  bool ok() const noexcept { return raw_->error.size == 0; }
  double elapsed_ms() const noexcept { return raw_->response_time_ms; }
  std::uint64_t request_id() const noexcept { return raw_->request_id; }
  const locustpp_http_response& raw() const noexcept { return *raw_; }

  // Case-insensitive header lookup; empty when absent.
  std::string_view header(std::string_view wanted) const noexcept {
    for (std::uint32_t i = 0; i < raw_->header_count; ++i) {
      std::string_view key = from_abi(raw_->headers[i].key);
      if (key.size() == wanted.size() && equal_ignoring_case(key, wanted)) {
        return from_abi(raw_->headers[i].value);
      }
    }
    return {};
  }

  // catch_response only.
  void success() { settle(LOCUSTPP_SETTLE_SUCCESS, {}); }
  void failure(std::string_view message) { settle(LOCUSTPP_SETTLE_FAILURE, message); }
  // Adds to the request's context before it is reported (request_meta).
  void add_context(std::string name, std::string value) {
    context_.emplace_back(std::move(name), std::move(value));
  }

 private:
  static bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    }
    return true;
  }
  // A decision (success, failure) or, with DEFAULT, letting the response go.
  // The host keeps the last decision and reports the request when it is let
  // go (an earlier host reported at the first decision).
  void settle(locustpp_settle_outcome outcome, std::string_view message) {
    if (!pending_) return;
    if (outcome == LOCUSTPP_SETTLE_DEFAULT) pending_ = false;
    std::vector<locustpp_pair> pairs;
    pairs.reserve(context_.size());
    for (auto& [name, value] : context_) pairs.push_back({to_abi(name), to_abi(value)});
    host().http_settle(user_, raw_->request_id, outcome, to_abi(message), pairs.data(),
                       static_cast<std::uint32_t>(pairs.size()));
    context_.clear();  // the host has it
  }

  locustpp_user* user_;
  const locustpp_http_response* raw_;
  bool pending_;
  std::vector<std::pair<std::string, std::string>> context_;
};

namespace detail {

// Converts fields to ABI pairs without allocating for small lists.
class pair_list {
 public:
  explicit pair_list(const std::vector<field>& fields) {
    if (fields.empty()) return;  // the common case: nothing to convert
    if (fields.size() > inline_.size()) spill_.resize(fields.size());
    locustpp_pair* out = fields.size() > inline_.size() ? spill_.data() : inline_.data();
    for (std::size_t i = 0; i < fields.size(); ++i) out[i] = {to_abi(fields[i].name), to_abi(fields[i].value)};
    data_ = out;
    size_ = static_cast<std::uint32_t>(fields.size());
  }
  pair_list(const pair_list&) = delete;
  pair_list& operator=(const pair_list&) = delete;
  const locustpp_pair* data() const noexcept { return size_ == 0 ? nullptr : data_; }
  std::uint32_t size() const noexcept { return size_; }

 private:
  std::array<locustpp_pair, 8> inline_;  // only the first size_ are written, and read
  std::vector<locustpp_pair> spill_;
  const locustpp_pair* data_ = nullptr;
  std::uint32_t size_ = 0;
};

}  // namespace detail

// The awaitable a request returns. Await it in the same expression.
class [[nodiscard]] http_call {
 public:
  http_call(locustpp_user* user, std::string_view method, std::string_view url,
            const request_options& options) noexcept
      : user_(user), method_(method), url_(url), options_(options) {}
  http_call(const http_call&) = delete;
  http_call& operator=(const http_call&) = delete;

  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> waiting) {
    waiting_ = waiting;
    detail::pair_list headers(options_.headers), query(options_.query), form(options_.form),
        context(options_.context);
    locustpp_http_request request{};
    request.struct_size = sizeof(request);
    request.method = to_abi(method_);
    request.url = to_abi(url_);
    request.name = to_abi(options_.name);
    request.headers = headers.data();
    request.header_count = headers.size();
    request.query = query.data();
    request.query_count = query.size();
    request.form = form.data();
    request.form_count = form.size();
    if (!options_.json.empty()) {
      request.body = to_abi(options_.json);
      request.content_type = to_abi("application/json");
    } else {
      request.body = to_abi(options_.body);
      request.content_type = to_abi(options_.content_type);
    }
    request.context = context.data();
    request.context_count = context.size();
    request.flags = (options_.catch_response ? std::uint32_t{LOCUSTPP_HTTP_CATCH_RESPONSE} : 0u) |
                    (options_.allow_redirects ? 0u : std::uint32_t{LOCUSTPP_HTTP_NO_REDIRECTS});
    request.timeout = options_.timeout;
    host().http_request(user_, &request, &http_call::on_response, this);
  }
  response await_resume() noexcept { return response(user_, result_, options_.catch_response); }

 private:
  static void on_response(void* self, const locustpp_http_response* result) noexcept {
    auto* call = static_cast<http_call*>(self);
    call->result_ = result;
    call->waiting_.resume();
  }

  locustpp_user* user_;
  std::string_view method_;
  std::string_view url_;
  const request_options& options_;
  std::coroutine_handle<> waiting_;
  const locustpp_http_response* result_ = nullptr;
};

class http_client {
 public:
  explicit http_client(locustpp_user* user = nullptr) noexcept : user_(user) {}
  void attach(locustpp_user* user) noexcept { user_ = user; }

  http_call request(std::string_view method, std::string_view url,
                    const request_options& options = no_options()) const noexcept {
    return http_call(user_, method, url, options);
  }
  http_call get(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("GET", url, options);
  }
  http_call post(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("POST", url, options);
  }
  http_call put(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("PUT", url, options);
  }
  http_call patch(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("PATCH", url, options);
  }
  http_call del(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("DELETE", url, options);
  }
  http_call head(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("HEAD", url, options);
  }
  http_call options(std::string_view url, const request_options& options = no_options()) const noexcept {
    return request("OPTIONS", url, options);
  }

 private:
  static const request_options& no_options() noexcept {
    static const request_options empty{};
    return empty;
  }
  locustpp_user* user_;
};

}  // namespace locustpp
