// The per-user HTTP/1.1 exchange state machine (see http_session.hpp):
// resolve → connect (+TLS) → write → read and parse → redirect or complete.
//
// Plain TCP is driven reactor-style, like wrk: the request is written with a
// non-blocking send in place, and the response is read with async_read_some,
// so a request costs one send, one receive and one epoll wake-up. TLS goes
// through asio's ssl::stream, which every pending TLS handler co-owns: a
// connection closed by a timeout or an abandoned user is only freed once
// its last operation has returned.
//
// Faults follow Python requests/urllib3 and Go's net/http: a deadline covers
// the whole exchange and names the phase it expired in; a kept-alive
// connection the server closed is retried once on a fresh one when nothing
// of the response arrived and the request is idempotent or was never fully
// written; a connection that cannot be trusted after a response (bytes left
// over, a 204/304 announcing a body) is not reused.
#include "http/http_session.hpp"

#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "abi/abi_text.hpp"
#include "http/ascii.hpp"
#include "http/client_context.hpp"
#include "http/cookie_jar.hpp"
#include "http/error_text.hpp"
#include "http/outgoing_request.hpp"
#include "http/redirect_credentials.hpp"
#include "http/request_writer.hpp"
#include "http/response_parser.hpp"
#include "net/recycling_allocator.hpp"
#include "timing/durations.hpp"

namespace locustpp::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using steady = std::chrono::steady_clock;
using error_code = boost::system::error_code;
using tls_stream = asio::ssl::stream<tcp::socket>;

constexpr std::size_t initial_read_buffer = 4096;

// A completion handler whose operation object comes from the per-thread block
// cache: for the read every request makes.
template <class Handler>
struct recycled {
  Handler handler;
  using allocator_type = net::recycling_allocator<void>;
  allocator_type get_allocator() const noexcept { return {}; }
  void operator()(error_code ec, std::size_t bytes) { handler(ec, bytes); }
};
template <class Handler>
recycled<Handler> with_recycled_memory(Handler handler) {
  return {std::move(handler)};
}
// A kept-alive connection idle for longer is checked for a close by the
// server before a non-idempotent request is written on it (one recv).
constexpr steady::duration idle_check_after = std::chrono::milliseconds(100);

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// urllib3's Retry.DEFAULT_ALLOWED_METHODS and Go's isReplayable.
bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE" || method == "PUT" ||
         method == "DELETE";
}

// The server closed (or reset) a connection it had kept alive.
bool is_stale_connection_error(const error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == asio::ssl::error::stream_truncated;
}

}  // namespace

struct http_session::impl : std::enable_shared_from_this<impl> {
  explicit impl(client_context& context) : context(context), socket(context.io()), timer(context.io()) {}

  enum class phase { idle, resolving, connecting, handshaking, writing, reading };

  client_context& context;
  tcp::socket socket;               // plain connections
  std::shared_ptr<tls_stream> tls;  // TLS connections; co-owned by pending TLS handlers
  asio::steady_timer timer;         // lazy deadline timer

  // The open connection, if any.
  bool connected = false;
  bool connection_tls = false;
  std::string connection_host;
  std::uint16_t connection_port = 0;
  steady::time_point connection_idle_since;

  // The exchange in flight. `generation` changes whenever an exchange starts,
  // is abandoned or times out; handlers of older generations do nothing.
  std::uint64_t generation = 0;
  std::uint64_t request_id = 0;
  bool in_flight = false;
  bool starting = false;  // inside start(): complete() must defer
  phase now_doing = phase::idle;
  bool reused_connection = false;
  bool request_written = false;  // every byte of the request was sent
  bool received_any = false;     // a byte of the response arrived
  bool retried_stale = false;
  bool head_request = false;
  bool follow_redirects = true;
  int redirects = 0;
  double timeout_seconds = 60;
  steady::time_point started;
  steady::time_point exchange_deadline;
  steady::time_point connect_deadline;
  std::optional<steady::time_point> timer_expiry;  // when the armed timer fires
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
    retried_stale = false;
    redirects = 0;
    error.clear();
    parsed.clear();
    request.assign(raw);
    head_request = request.method == "HEAD";
    follow_redirects = (raw.flags & LOCUSTPP_HTTP_NO_REDIRECTS) == 0;
    timeout_seconds = raw.timeout > 0 ? raw.timeout : context.settings().network_timeout;
    started = steady::now();
    result.response.start_time =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    result.method = request.method;

    std::string_view reference = view_of(raw.url);
    bool resolved =
        base != nullptr ? resolve_url_into(current, *base, reference) : parse_absolute_url_into(current, reference);
    if (!resolved) {
      result.name.assign(view_of(raw.name).empty() ? reference : view_of(raw.name));
      result.url.assign(reference);
      error = base == nullptr && !reference.starts_with("http")
                  ? fmt::format("MissingSchema('no host for relative URL {}: set the user class host or -H/--host')",
                                reference)
                  : fmt::format("InvalidURL({})", python_repr(reference));
      return complete_later();
    }
    append_query(raw);
    result.url.clear();
    current.append_full(result.url);
    result.name.assign(view_of(raw.name).empty() ? std::string_view(current.target) : view_of(raw.name));
    if (!request.valid_method()) {
      error = invalid_method_text(request.method);
      return complete_later();
    }
    if (const std::string* bad = request.invalid_header()) {
      error = invalid_header_text(*bad);
      return complete_later();
    }
    exchange_deadline = started + timing::saturating_duration<steady::duration>(timeout_seconds);
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
    request_written = false;
    write_request(out, request, current, cookies);
    bool same_origin = connected && connection_tls == current.tls && connection_host == current.host &&
                       connection_port == current.port;
    if (same_origin && !is_idempotent(request.method) && steady::now() - connection_idle_since > idle_check_after &&
        !idle_connection_alive()) {
      same_origin = false;  // closed while idle: what was never sent needs no retry
    }
    if (same_origin) {
      reused_connection = true;
      write();
    } else {
      close_connection();
      reused_connection = false;
      connect();
    }
  }

  // Whether the idle connection is still open and silent (urllib3's
  // is_connection_dropped): one non-blocking peek at the socket.
  bool idle_connection_alive() {
    char byte;
    ssize_t got = ::recv(tcp_layer().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  void connect() {
    now_doing = phase::connecting;
    connect_deadline =
        steady::now() + timing::saturating_duration<steady::duration>(context.settings().connect_timeout);
    arm_timer(std::min(connect_deadline, exchange_deadline));
    connection_tls = current.tls;
    if (connection_tls) {
      try {
        tls = std::make_shared<tls_stream>(context.io(), context.tls());
      } catch (const std::exception& tls_error) {  // an unreadable --ca-file
        error = fmt::format("SSLError({})", python_repr(tls_error.what()));
        return complete();
      }
    }
    error_code ec;
    asio::ip::address address = asio::ip::make_address(current.host, ec);
    if (!ec) return connect_to(tcp::endpoint(address, current.port));
    now_doing = phase::resolving;
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    auto resolver = std::make_shared<tcp::resolver>(context.io());
    resolver->async_resolve(
        current.host, std::to_string(current.port),
        [self, gen, resolver, tls = tls](error_code resolve_error, tcp::resolver::results_type endpoints) {
          if (gen != self->generation) return;
          if (resolve_error) return self->fail(resolve_error);
          self->now_doing = phase::connecting;
          // A bound source address fixes the family: the first address of the
          // name is tried, rather than each in turn (which reopens the socket).
          if (!self->context.settings().source_addresses.empty()) return self->connect_to(*endpoints.begin());
          asio::async_connect(self->tcp_layer(), endpoints,
                              [self, gen, tls](error_code connect_error, const tcp::endpoint&) {
                                if (gen == self->generation) self->on_connected(connect_error);
                              });
        });
  }

  void connect_to(const tcp::endpoint& target) {
    if (!context.settings().source_addresses.empty() && !bind_source_address(target.address().is_v6())) return;
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    tcp_layer().async_connect(target, [self, gen, tls = tls](error_code connect_error) {
      if (gen == self->generation) self->on_connected(connect_error);
    });
  }

  // --source-addresses: binds the new socket to the next source address.
  // IP_BIND_ADDRESS_NO_PORT leaves the port to connect(), which picks one
  // that is free for this source *and* target, so every source address has
  // the whole ephemeral range towards each target. False (the exchange
  // failed) when that cannot be done.
  bool bind_source_address(bool ipv6) {
    const std::string* source = context.next_source_address(ipv6);
    if (source == nullptr) {
      error = fmt::format("ConnectionError({})",
                          python_repr(fmt::format("--source-addresses has no IPv{} address to connect to {} from",
                                                  ipv6 ? 6 : 4, current.host)));
      complete();
      return false;
    }
    error_code ec;
    tcp::socket& socket_to_bind = tcp_layer();
    socket_to_bind.open(ipv6 ? tcp::v6() : tcp::v4(), ec);
#ifdef IP_BIND_ADDRESS_NO_PORT
    if (!ec) {
      const int one = 1;
      ::setsockopt(socket_to_bind.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
    }
#endif
    if (!ec) socket_to_bind.bind(tcp::endpoint(asio::ip::make_address(*source, ec), 0), ec);
    if (ec) {
      fail(ec);
      return false;
    }
    return true;
  }

  void on_connected(error_code ec) {
    // connect() itself found no free local port (a bind failure is reported before).
    if (ec == boost::system::errc::address_not_available) warn_out_of_ports();
    if (ec) return fail(ec);
    tcp_layer().set_option(tcp::no_delay(true), ec);
    connected = true;
    connection_host = current.host;
    connection_port = current.port;
    if (!connection_tls) {
      socket.non_blocking(true, ec);  // write() sends in place, without the reactor
      return write();
    }
    now_doing = phase::handshaking;
    SSL_set_tlsext_host_name(tls->native_handle(), current.host.c_str());
    if (context.settings().verify_tls) tls->set_verify_callback(asio::ssl::host_name_verification(current.host));
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    tls->async_handshake(asio::ssl::stream_base::client, [self, gen, tls = tls](error_code handshake_error) {
      if (gen != self->generation) return;
      if (handshake_error) return self->fail(handshake_error);
      self->write();
    });
  }

  void close_connection() noexcept {
    error_code ignored;
    if (tls) {
      tls->next_layer().close(ignored);
      tls.reset();  // pending TLS handlers keep the stream until they return
    }
    socket.close(ignored);
    connected = false;
  }

  // ---- writing ------------------------------------------------------------

  void write() {
    now_doing = phase::writing;
    auto self = shared_from_this();
    std::uint64_t gen = generation;
    if (connection_tls) {
      asio::async_write(*tls, asio::buffer(out), [self, gen, tls = tls](error_code ec, std::size_t) {
        if (gen == self->generation) self->after_write(ec);
      });
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
    if (written == out.size()) return after_write({});
    asio::async_write(socket, asio::buffer(out.data() + written, out.size() - written),
                      [self, gen](error_code ec, std::size_t) {
                        if (gen == self->generation) self->after_write(ec);
                      });
  }

  void after_write(error_code ec) {
    if (ec) return fail(ec);
    request_written = true;
    begin_read();
  }

  // ---- reading ------------------------------------------------------------

  void begin_read() {
    now_doing = phase::reading;
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
    auto space = asio::buffer(in.data() + in_size, in.size() - in_size);
    if (connection_tls) {
      tls->async_read_some(space, with_recycled_memory([self, gen, tls = tls](error_code ec, std::size_t got) {
                             if (gen == self->generation) self->on_read(ec, got);
                           }));
    } else {
      socket.async_read_some(space, with_recycled_memory([self, gen](error_code ec, std::size_t got) {
                               if (gen == self->generation) self->on_read(ec, got);
                             }));
    }
  }

  void on_read(error_code ec, std::size_t got) {
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) return on_eof();
    if (ec) return fail(ec);
    if (consume(got)) read_more();
  }

  // Feeds `got` new bytes to the parser. Returns true when more are needed.
  bool consume(std::size_t got) {
    received_any = true;
    in_size += got;
    std::size_t offset = 0;
    parse_failure failure;
    while (offset < in_size && !parser.done()) {
      std::size_t used = parser.feed(in.data() + offset, in_size - offset, failure);
      if (failure) {
        protocol_failure(failure);
        return false;
      }
      if (used == 0) break;
      offset += used;
    }
    if (parser.done()) {
      // Bytes after a complete response were never asked for: the
      // connection's framing cannot be trusted any more.
      if (offset < in_size) parsed.keep_alive = false;
      finish_response();
      return false;
    }
    in_size -= offset;
    if (offset > 0 && in_size > 0) std::memmove(in.data(), in.data() + offset, in_size);
    if (in_size == in.size()) in.resize(in.size() * 2);  // a header larger than the buffer
    return true;
  }

  void on_eof() {
    if (!received_any && retry_on_fresh_connection()) return;
    parse_failure failure;
    parser.feed_eof(failure);
    close_connection();
    if (failure) return protocol_failure(failure);
    finish_response();
  }

  void protocol_failure(const parse_failure& failure) {
    error = protocol_error_text(failure);
    close_connection();
    complete();
  }

  // The server closed a kept-alive connection before answering: send the
  // request again, once, on a new connection, if that cannot do harm.
  bool retry_on_fresh_connection() {
    if (!reused_connection || received_any || retried_stale) return false;
    if (request_written && !is_idempotent(request.method)) return false;
    retried_stale = true;
    close_connection();
    send();
    return true;
  }

  // ---- a response arrived -------------------------------------------------

  void finish_response() {
    if (parsed.has_set_cookie) store_cookies();
    if (!parsed.keep_alive) close_connection();
    if (follow_redirects && is_redirect(parsed.status)) {
      if (std::optional<std::string_view> location = parsed.header("Location")) return redirect(*location);
    }
    if (parsed.status >= 400) error = http_status_error(parsed.status, result.name);
    complete();
  }

  void store_cookies() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::int64_t now_seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
    for (std::size_t i = 0; i < parsed.header_count(); ++i) {
      if (equal_ignoring_case(parsed.header_name(i), "Set-Cookie")) {
        cookies.store(parsed.header_value(i), current.host, path_of(current.target), now_seconds);
      }
    }
  }

  // `location` points into `parsed`, which the next exchange overwrites: used before send().
  void redirect(std::string_view location) {
    if (redirects >= context.settings().max_redirects) {
      error = fmt::format("TooManyRedirects('Exceeded {} redirects.')", context.settings().max_redirects);
      return complete();
    }
    url next;
    if (!resolve_url_into(next, current, location)) {
      error = fmt::format("InvalidURL({})", python_repr(fmt::format("redirect to {}", location)));
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
    drop_credentials_for_redirect(request, current, next);
    current = std::move(next);
    retried_stale = false;
    send();
  }

  // ---- failures and completion ---------------------------------------------

  void fail(error_code ec) {
    if (!received_any && is_stale_connection_error(ec) && retry_on_fresh_connection()) return;
    if (ec == asio::error::eof) {
      parse_failure closed;
      closed.what = parse_failure::kind::nothing_received;
      error = protocol_error_text(closed);
    } else {
      error = transport_error_text(ec, current.host, current.port);
    }
    close_connection();
    parsed.clear();
    complete();
  }

  // Once per process: the requests say what failed, this says why and what helps.
  void warn_out_of_ports() const {
    static std::atomic<bool> warned{false};
    if (warned.exchange(true)) return;
    spdlog::warn(
        "Out of local ports for connections to {}:{} (Cannot assign requested address): each local address has the "
        "ephemeral ports of net.ipv4.ip_local_port_range towards one target. Spread connections over more local "
        "addresses with --source-addresses (e.g. 127.0.0.2-127.0.0.9 on loopback), or use fewer users per process",
        current.host, current.port);
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
    now_doing = phase::idle;
    steady::time_point finished = steady::now();
    connection_idle_since = finished;
    auto& response = result.response;
    response.struct_size = sizeof(response);
    response.request_id = request_id;
    response.status = error.empty() || parsed.status >= 400 ? parsed.status : 0;
    if (redirects == 0) {
      response.url = abi_of(result.url);
    } else {
      final_url.clear();
      current.append_full(final_url);
      response.url = abi_of(final_url);
    }
    header_pairs.resize(parsed.header_count());
    for (std::size_t i = 0; i < parsed.header_count(); ++i) {
      header_pairs[i] = {abi_of(parsed.header_name(i)), abi_of(parsed.header_value(i))};
    }
    response.headers = header_pairs.data();
    response.header_count = static_cast<std::uint32_t>(parsed.header_count());
    response.body = abi_of(parsed.body);
    response.error = abi_of(error);
    response.response_length = parsed.body.size();
    result.response_time_ns =
        static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(finished - started).count());
    response.response_time_ms = static_cast<double>(result.response_time_ns) / 1e6;
    completion callback = std::exchange(done, nullptr);
    if (callback != nullptr) callback(done_ctx);
  }

  // ---- deadlines ------------------------------------------------------------
  // One timer per session, re-armed only when a deadline earlier than its
  // expiry appears; when it fires it checks the current deadline. Steady
  // traffic therefore does not touch the timer queue per request.

  steady::time_point current_deadline() const {
    bool connecting =
        now_doing == phase::resolving || now_doing == phase::connecting || now_doing == phase::handshaking;
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

  // The deadline passed: the exchange fails now, naming the phase it was
  // in; whatever is still pending belongs to an older generation.
  void on_timer() {
    if (!in_flight) return;
    steady::time_point deadline = current_deadline();
    if (steady::now() < deadline) return arm_timer(deadline);
    ++generation;
    switch (now_doing) {
      case phase::resolving:
      case phase::connecting:
        error = connect_timeout_text(current.host, std::min(context.settings().connect_timeout, timeout_seconds));
        break;
      case phase::handshaking:
        error = tls_handshake_timeout_text();
        break;
      default:
        error = read_timeout_text(current.tls, current.host, current.port, timeout_seconds);
        break;
    }
    close_connection();
    parsed.clear();
    complete();
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
http_session::~http_session() {
  impl_->abandon();
}

void http_session::start(const locustpp_http_request& request, const url* base, completion done, void* ctx) {
  impl_->start(request, base, done, ctx);
}
void http_session::abandon() noexcept {
  impl_->abandon();
}
const exchange_result& http_session::result() const noexcept {
  return impl_->result;
}

}  // namespace locustpp::http
