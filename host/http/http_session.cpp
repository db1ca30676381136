// The per-user HTTP/1.1 exchange state machine (see http_session.hpp):
// connect (+TLS) → write → read and parse → redirect or complete.
//
// Plain TCP is driven reactor-style, like wrk: the request is written with a
// non-blocking send in place, and the response is read with async_wait +
// non-blocking receive, so a request costs one send, one receive and one
// epoll wake-up. TLS goes through asio's ssl::stream.
#include "http/http_session.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <optional>
#include <vector>

#include "abi/abi_text.hpp"
#include "http/client_context.hpp"
#include "http/cookie_jar.hpp"
#include "http/ascii.hpp"
#include "http/error_text.hpp"
#include "http/outgoing_request.hpp"
#include "http/request_writer.hpp"
#include "http/response_parser.hpp"

namespace locustpp::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using error_code = boost::system::error_code;

constexpr std::size_t initial_read_buffer = 4096;


steady::duration seconds(double value) {
  return std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(value));
}

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

}  // namespace

struct http_session::impl : std::enable_shared_from_this<impl> {
  explicit impl(client_context& context) : context(context), socket(context.io()), timer(context.io()) {}

  client_context& context;
  tcp::socket socket;                                 // plain connections
  std::unique_ptr<asio::ssl::stream<tcp::socket>> tls; // TLS connections
  asio::steady_timer timer;                           // lazy deadline timer

  // The open connection, if any.
  bool connected = false;
  bool connection_tls = false;
  std::string connection_host;
  std::uint16_t connection_port = 0;

  // The exchange in flight. `generation` changes whenever an exchange starts
  // or is abandoned; handlers of older generations do nothing.
  std::uint64_t generation = 0;
  std::uint64_t request_id = 0;
  bool in_flight = false;
  bool starting = false;                              // inside start(): complete() must defer
  bool connecting = false;
  bool reused_connection = false;
  bool timed_out = false;
  bool received_any = false;
  bool retried_stale = false;
  bool head_request = false;
  bool follow_redirects = true;
  int redirects = 0;
  double timeout_seconds = 60;
  steady::time_point started;
  steady::time_point exchange_deadline;
  steady::time_point connect_deadline;
  std::optional<steady::time_point> timer_expiry;     // when the armed timer fires
  std::uint64_t timer_sequence = 0;

  outgoing_request request;
  url current;
  std::string out;
  std::vector<char> in = std::vector<char>(initial_read_buffer);
  std::size_t in_size = 0;
  response_parser parser;
  parsed_response parsed;
  cookie_jar cookies;
  std::string error;
  std::string final_url;
  std::vector<locustpp_pair> header_pairs;
  exchange_result result;

  completion done = nullptr;
  void* done_ctx = nullptr;

  tcp::socket& tcp_layer() { return connection_tls ? tls->next_layer() : socket; }

  // ---- starting -----------------------------------------------------------

  void start(const locustpp_http_request& raw, const url* base, completion on_done, void* on_done_ctx) {
    ++generation;
    ++request_id;
    done = on_done;
    done_ctx = on_done_ctx;
    in_flight = true;
    timed_out = false;
    retried_stale = false;
    redirects = 0;
    error.clear();
    request.assign(raw);
    head_request = request.method == "HEAD";
    follow_redirects = (raw.flags & LOCUSTPP_HTTP_NO_REDIRECTS) == 0;
    timeout_seconds = raw.timeout > 0 ? raw.timeout : context.settings().network_timeout;
    started = steady::now();
    result.response.start_time =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    result.method = request.method;

    std::string_view reference = view_of(raw.url);
    std::optional<url> target = base != nullptr ? resolve_url(*base, reference) : parse_absolute_url(reference);
    if (!target) {
      result.name.assign(view_of(raw.name).empty() ? reference : view_of(raw.name));
      result.url.assign(reference);
      parsed.clear();
      error = base == nullptr && !reference.starts_with("http")
                  ? fmt::format("MissingSchema('no host for relative URL {}: set the user class host or -H/--host')",
                                reference)
                  : fmt::format("InvalidURL('{}')", reference);
      complete_later();
      return;
    }
    current = std::move(*target);
    append_query(raw);
    result.url.clear();
    current.append_full(result.url);
    result.name.assign(view_of(raw.name).empty() ? std::string_view(current.target) : view_of(raw.name));
    exchange_deadline = started + seconds(timeout_seconds);
    arm_timer(exchange_deadline);
    // On a reused plain connection the whole exchange can end (an immediate
    // write error, even a response already there) before send() returns;
    // complete() then defers the callback, which must never run in start().
    starting = true;
    send();
    starting = false;
  }

  void append_query(const locustpp_http_request& raw) {
    if (raw.query_count == 0) return;
    current.target += current.target.find('?') == std::string::npos ? '?' : '&';
    for (std::uint32_t i = 0; i < raw.query_count; ++i) {
      if (i > 0) current.target += '&';
      append_form_encoded(current.target, view_of(raw.query[i].key));
      current.target += '=';
      append_form_encoded(current.target, view_of(raw.query[i].value));
    }
  }

  // ---- connection ---------------------------------------------------------

  void send() {
    received_any = false;
    write_request(out, request, current, cookies);
    bool same_origin = connected && connection_tls == current.tls && connection_host == current.host &&
                       connection_port == current.port;
    if (same_origin) {
      reused_connection = true;
      write();
    } else {
      close_connection();
      reused_connection = false;
      connect();
    }
  }

  void connect() {
    connecting = true;
    connect_deadline = steady::now() + seconds(context.settings().connect_timeout);
    arm_timer(std::min(connect_deadline, exchange_deadline));
    connection_tls = current.tls;
    if (connection_tls) {
      try {
        tls = std::make_unique<asio::ssl::stream<tcp::socket>>(context.io(), context.tls());
      } catch (const std::exception& tls_error) {  // an unreadable --ca-file
        error = fmt::format("SSLError('{}')", tls_error.what());
        connecting = false;
        parsed.clear();
        return complete();
      }
    }
    error_code ec;
    asio::ip::address address = asio::ip::make_address(current.host, ec);
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    if (!ec) {
      tcp_layer().async_connect(tcp::endpoint(address, current.port), [self, gen](error_code connect_error) {
        if (gen == self->generation) self->on_connected(connect_error);
      });
      return;
    }
    auto resolver = std::make_shared<tcp::resolver>(context.io());
    resolver->async_resolve(current.host, std::to_string(current.port),
                            [self, gen, resolver](error_code resolve_error, tcp::resolver::results_type endpoints) {
                              if (gen != self->generation) return;
                              if (resolve_error) return self->fail(resolve_error);
                              asio::async_connect(self->tcp_layer(), endpoints,
                                                  [self, gen](error_code connect_error, const tcp::endpoint&) {
                                                    if (gen == self->generation) self->on_connected(connect_error);
                                                  });
                            });
  }

  void on_connected(error_code ec) {
    if (ec) return fail(ec);
    tcp_layer().set_option(tcp::no_delay(true), ec);
    connected = true;
    connection_host = current.host;
    connection_port = current.port;
    if (!connection_tls) {
      socket.non_blocking(true, ec);  // write() sends in place, without the reactor
      connecting = false;
      return write();
    }
    SSL_set_tlsext_host_name(tls->native_handle(), current.host.c_str());
    if (context.settings().verify_tls) tls->set_verify_callback(asio::ssl::host_name_verification(current.host));
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    tls->async_handshake(asio::ssl::stream_base::client, [self, gen](error_code handshake_error) {
      if (gen != self->generation) return;
      if (handshake_error) return self->fail(handshake_error);
      self->connecting = false;
      self->write();
    });
  }

  void close_connection() noexcept {
    error_code ignored;
    if (tls) {
      tls->next_layer().close(ignored);
      tls.reset();
    }
    socket.close(ignored);
    connected = false;
  }

  // ---- writing ------------------------------------------------------------

  void write() {
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    auto after_write = [self, gen](error_code ec, std::size_t) {
      if (gen != self->generation) return;
      if (ec) return self->fail(ec);
      self->begin_read();
    };
    if (connection_tls) {
      asio::async_write(*tls, asio::buffer(out), after_write);
      return;
    }
    std::size_t written = 0;
    while (written < out.size()) {
      error_code ec;
      std::size_t sent = socket.write_some(asio::buffer(out.data() + written, out.size() - written), ec);
      if (ec == asio::error::would_block) break;
      if (ec) return fail(ec);
      written += sent;
    }
    if (written == out.size()) return begin_read();
    asio::async_write(socket, asio::buffer(out.data() + written, out.size() - written), after_write);
  }

  // ---- reading ------------------------------------------------------------

  void begin_read() {
    parser.start(parsed, head_request);
    in_size = 0;
    read_more();
  }

  // async_read_some rather than async_wait + receive: with Asio's
  // edge-triggered reactor a plain socket's read then needs no epoll_ctl,
  // one speculative receive, one wake-up and one receive per response.
  void read_more() {
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    auto on_read = [self, gen](error_code ec, std::size_t got) {
      if (gen != self->generation) return;
      if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) return self->on_eof();
      if (ec) return self->fail(ec);
      if (self->consume(got)) self->read_more();
    };
    auto space = asio::buffer(in.data() + in_size, in.size() - in_size);
    if (connection_tls) {
      tls->async_read_some(space, std::move(on_read));
    } else {
      socket.async_read_some(space, std::move(on_read));
    }
  }

  // Feeds `got` new bytes to the parser. Returns true when more are needed.
  bool consume(std::size_t got) {
    received_any = true;
    in_size += got;
    std::size_t offset = 0;
    while (offset < in_size && !parser.done()) {
      std::size_t used = parser.feed(in.data() + offset, in_size - offset, error);
      if (!error.empty()) {
        close_connection();
        complete();
        return false;
      }
      if (used == 0) break;
      offset += used;
    }
    if (parser.done()) {
      finish_response();
      return false;
    }
    in_size -= offset;
    if (offset > 0 && in_size > 0) std::memmove(in.data(), in.data() + offset, in_size);
    if (in_size == in.size()) in.resize(in.size() * 2);  // a header larger than the buffer
    return true;
  }

  void on_eof() {
    if (!received_any && reused_connection && !retried_stale) {
      // The server closed the idle keep-alive connection: retry once, fresh.
      retried_stale = true;
      close_connection();
      reused_connection = false;
      return connect();
    }
    parser.feed_eof(error);
    close_connection();
    if (!error.empty()) {
      error = fmt::format("RemoteDisconnected('{}')", error);
      return complete();
    }
    finish_response();
  }

  // ---- a response arrived -------------------------------------------------

  void finish_response() {
    for (std::size_t i = 0; i < parsed.header_count; ++i) {
      if (equal_ignoring_case(parsed.headers[i].first, "Set-Cookie")) {
        cookies.store(parsed.headers[i].second, current.host, path_of(current.target));
      }
    }
    if (!parsed.keep_alive) close_connection();
    if (follow_redirects && is_redirect(parsed.status)) {
      if (const std::string* location = find_header("Location")) return redirect(*location);
    }
    if (parsed.status >= 400) error = http_status_error(parsed.status, result.name);
    complete();
  }

  void redirect(const std::string& location) {
    if (redirects >= context.settings().max_redirects) {
      error = fmt::format("TooManyRedirects('Exceeded {} redirects.')", context.settings().max_redirects);
      return complete();
    }
    std::optional<url> next = resolve_url(current, location);
    if (!next) {
      error = fmt::format("InvalidURL('redirect to {}')", location);
      return complete();
    }
    ++redirects;
    // requests' rules: 303 (and 301/302 after POST) become GET without a body.
    bool to_get = (parsed.status == 303 && !head_request) ||
                  ((parsed.status == 301 || parsed.status == 302) && request.method == "POST");
    if (to_get) {
      request.method = "GET";
      request.has_body = false;
    }
    current = std::move(*next);
    send();
  }

  const std::string* find_header(std::string_view name) const {
    for (std::size_t i = 0; i < parsed.header_count; ++i) {
      if (equal_ignoring_case(parsed.headers[i].first, name)) return &parsed.headers[i].second;
    }
    return nullptr;
  }

  // ---- failures and completion ---------------------------------------------

  void fail(error_code ec) {
    if (timed_out) {
      error = connecting ? fmt::format("ConnectTimeout('connecting to {}:{} timed out')", current.host, current.port)
                         : fmt::format("ReadTimeout('no complete response within {} s')", timeout_seconds);
    } else {
      error = transport_error_text(ec, current.host, current.port);
    }
    close_connection();
    parsed.clear();
    complete();
  }

  void complete_later() {
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    asio::post(context.io(), [self, gen] {
      if (gen == self->generation) self->complete();
    });
  }

  void complete() {
    if (starting) return complete_later();
    in_flight = false;
    connecting = false;
    auto& response = result.response;
    response.struct_size = sizeof(response);
    response.request_id = request_id;
    response.status = parsed.status;
    final_url.clear();
    current.append_full(final_url);
    response.url = abi_of(final_url);
    header_pairs.resize(parsed.header_count);
    for (std::size_t i = 0; i < parsed.header_count; ++i) {
      header_pairs[i] = {abi_of(parsed.headers[i].first), abi_of(parsed.headers[i].second)};
    }
    response.headers = header_pairs.data();
    response.header_count = static_cast<std::uint32_t>(parsed.header_count);
    response.body = abi_of(parsed.body);
    response.error = abi_of(error);
    response.response_length = parsed.body.size();
    result.response_time_ns =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(steady::now() - started).count());
    response.response_time_ms = static_cast<double>(result.response_time_ns) / 1e6;
    completion callback = std::exchange(done, nullptr);
    if (callback != nullptr) callback(done_ctx);
  }

  // ---- deadlines ------------------------------------------------------------
  // One timer per session, re-armed only when a deadline earlier than its
  // expiry appears; when it fires it checks the current deadline. Steady
  // traffic therefore does not touch the timer queue per request.

  steady::time_point current_deadline() const {
    return connecting ? std::min(connect_deadline, exchange_deadline) : exchange_deadline;
  }

  void arm_timer(steady::time_point deadline) {
    if (timer_expiry && *timer_expiry <= deadline) return;
    timer_expiry = deadline;
    timer.expires_at(deadline);
    auto self = shared_from_this();
    std::uint64_t sequence = ++timer_sequence;
    timer.async_wait([self, sequence](error_code) {
      if (sequence != self->timer_sequence) return;  // re-armed meanwhile
      self->timer_expiry.reset();
      self->on_timer();
    });
  }

  void on_timer() {
    if (!in_flight) return;
    steady::time_point deadline = current_deadline();
    if (steady::now() < deadline) return arm_timer(deadline);
    timed_out = true;
    error_code ignored;
    if (connected || connecting) {
      tcp_layer().cancel(ignored);
      tcp_layer().close(ignored);
      connected = false;
    }
  }

  void abandon() noexcept {
    ++generation;
    done = nullptr;
    in_flight = false;
    close_connection();
    ++timer_sequence;
    timer_expiry.reset();
    timer.cancel();
  }
};

http_session::http_session(client_context& context) : impl_(std::make_shared<impl>(context)) {}
http_session::~http_session() { impl_->abandon(); }

void http_session::start(const locustpp_http_request& request, const url* base, completion done, void* ctx) {
  impl_->start(request, base, done, ctx);
}
void http_session::abandon() noexcept { impl_->abandon(); }
const exchange_result& http_session::result() const noexcept { return impl_->result; }

}  // namespace locustpp::http
