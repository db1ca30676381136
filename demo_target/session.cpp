// HTTP/1.x connection handling with Beast (see session.hpp). Callback style:
// read -> route -> [delay timer] -> write -> read ..., one chain per connection,
// so a session never needs a strand: it lives on a single-threaded io_context.
#include "session.hpp"

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "routes.hpp"

namespace demo_target {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using beast::error_code;

constexpr std::uint64_t kMaxRequestBody = std::uint64_t{16} * 1024 * 1024;
constexpr std::uint32_t kMaxRequestHeader = 64 * 1024;
// Generous: load-test users may think for minutes between requests, and a
// dead peer on loopback is noticed by the kernel anyway.
constexpr auto kIdleTimeout = std::chrono::minutes(5);
constexpr auto kHandshakeTimeout = std::chrono::seconds(30);
constexpr auto kWriteTimeout = std::chrono::seconds(60);  // per write call
// Generated bodies up to this size are sent in one write with their header.
constexpr std::uint64_t kInlineGeneratedBytes = std::uint64_t{64} * 1024;
constexpr std::size_t kStreamPieceBytes = std::size_t{256} * 1024;
static_assert(kInlineGeneratedBytes <= kMaxChunkSize && kStreamPieceBytes <= kMaxChunkSize, "filler too small");

// Filler for /bytes and /chunked: "abc...z" repeated, harmless on a terminal.
// Byte i of every generated body is 'a' + i % 26, however it is split up.
constexpr std::size_t kFillerPeriod = 26;
using FillerBytes = std::array<char, kMaxChunkSize + kFillerPeriod>;

const FillerBytes& filler_bytes() {
  static const FillerBytes bytes = [] {
    FillerBytes letters{};
    for (std::size_t i = 0; i < letters.size(); ++i) letters[i] = static_cast<char>('a' + i % kFillerPeriod);
    return letters;
  }();
  return bytes;
}

// The `size` (<= kMaxChunkSize) filler bytes found at `offset` of a body.
asio::const_buffer filler(std::uint64_t offset, std::size_t size) {
  return asio::buffer(filler_bytes().data() + offset % kFillerPeriod, size);
}

beast::string_view generic_reason(int status) {
  if (status < 300) return "Success";
  if (status < 400) return "Redirection";
  if (status < 500) return "Client Error";
  return "Server Error";
}

std::string_view to_std(beast::string_view text) {
  return {text.data(), text.size()};
}
beast::string_view to_beast(std::string_view text) {
  return {text.data(), text.size()};
}

// Only HTTP parse errors deserve a 400; everything else (socket and TLS
// errors, our timeouts, a peer closing mid-request) means nobody is listening.
bool is_parse_error(const error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  template <class... StreamArgs>
  explicit Session(ServerState& state, StreamArgs&&... stream_args)
      : stream_(std::forward<StreamArgs>(stream_args)...), state_(state), delay_timer_(stream_.get_executor()) {}

  void start() {
    // The acceptor runs on another thread; hop onto the connection's own.
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::begin, this->shared_from_this()));
  }

 private:
  auto& tcp() { return beast::get_lowest_layer(stream_); }
  template <class Method>
  auto callback(Method method) {
    return beast::bind_front_handler(method, this->shared_from_this());
  }

  void begin() {
    error_code ignored;
    peer_address_ = tcp().socket().remote_endpoint(ignored).address().to_string();
    if constexpr (kTls) {
      tcp().expires_after(kHandshakeTimeout);
      stream_.async_handshake(asio::ssl::stream_base::server, callback(&Session::on_handshake));
    } else {
      read_request();
    }
  }

  void on_handshake(error_code ec) {
    if (!ec) read_request();
  }

  void read_request() {
    parser_.emplace();
    parser_->body_limit(kMaxRequestBody);
    parser_->header_limit(kMaxRequestHeader);
    tcp().expires_after(kIdleTimeout);
    // Header first, so that "Expect: 100-continue" clients (curl, for bodies
    // over 1 MB) get their go-ahead instead of waiting a second for it.
    http::async_read_header(stream_, buffer_, *parser_, callback(&Session::on_header_read));
  }

  void on_header_read(error_code ec, std::size_t) {
    if (ec || parser_->is_done()) {
      on_read(ec, 0);
      return;
    }
    const auto expect = parser_->get()[http::field::expect];
    if (parser_->get().version() >= 11 && beast::iequals(expect, "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        callback(&Session::on_continue_sent));
      return;
    }
    read_body();
  }

  void on_continue_sent(error_code ec, std::size_t) {
    if (!ec) read_body();
  }

  void read_body() { http::async_read(stream_, buffer_, *parser_, callback(&Session::on_read)); }

  void on_read(error_code ec, std::size_t) {
    if (ec) {
      if (!is_parse_error(ec)) return;  // nothing to answer; the session ends
      if (ec == http::error::body_limit) {
        response_ = malformed_request_response(413, "request body too large");
      } else {
        response_ = malformed_request_response(400, std::string("bad request: ").append(ec.message()));
      }
      counted_path_ = "(malformed)";
      version_ = 11;
      keep_alive_ = false;
      head_ = false;
      respond();
      return;
    }
    const auto& request = parser_->get();
    header_views_.clear();
    for (const auto& field : request) header_views_.push_back({to_std(field.name_string()), to_std(field.value())});
    Request view;
    view.method = to_std(request.method_string());
    view.target = to_std(request.target());
    view.version = request.version();
    view.headers = header_views_;
    view.body = request.body();
    view.peer_address = peer_address_;

    response_ = handle_request(view, state_);
    counted_path_ = view.path();  // points into parser_, alive until the next read
    version_ = request.version();
    keep_alive_ = request.keep_alive() && response_.connection == ConnectionAction::keep_alive_if_client_wants;
    head_ = request.method() == http::verb::head;
    if (response_.delay.count() > 0) {
      delay_timer_.expires_after(response_.delay);
      delay_timer_.async_wait(callback(&Session::on_delay_elapsed));
    } else {
      respond();
    }
  }

  void on_delay_elapsed(error_code ec) {
    if (!ec) respond();
  }

  void respond() {
    if (response_.connection == ConnectionAction::drop_without_response) {
      if (response_.counted) state_.counters.record_unanswered(counted_path_);
      tcp().close();
      return;
    }
    if (response_.counted) state_.counters.record(counted_path_, response_.status);
    if (version_ < 11) response_.chunk_size = 0;  // HTTP/1.0 has no chunked coding
    if (response_.generated_body && response_.chunk_size == 0 && response_.generated_size <= kInlineGeneratedBytes) {
      response_.body.assign(filler_bytes().data(), response_.generated_size);
      response_.generated_body = false;
    }
    tcp().expires_after(kWriteTimeout);
    if (response_.generated_body) {
      write_streamed_header();
    } else {
      write_buffered();
    }
  }

  bool body_forbidden() const { return response_.status == 204 || response_.status == 304; }

  template <class Message>
  void fill_header(Message& message) {
    message.result(static_cast<unsigned>(response_.status));
    // Beast would say "<unknown-status>" for codes like 418 or 599.
    if (http::int_to_status(static_cast<unsigned>(response_.status)) == http::status::unknown) {
      message.reason(generic_reason(response_.status));
    }
    message.version(version_);
    message.set(http::field::server, "locustpp-demo-target");
    if (!body_forbidden()) message.set(http::field::content_type, to_beast(response_.content_type));
    for (const auto& [name, value] : response_.extra_headers) message.insert(to_beast(name), to_beast(value));
    message.keep_alive(keep_alive_);
  }

  // Header and body in a single gathered write: the common, fast case.
  void write_buffered() {
    buffered_ = {};
    fill_header(buffered_);
    if (body_forbidden()) {
      response_.body.clear();  // and no Content-Length either (RFC 9110 8.6)
    } else {
      buffered_.body() = std::move(response_.body);
      buffered_.prepare_payload();
      if (head_) buffered_.body().clear();  // keeps the Content-Length of the GET response
    }
    http::async_write(stream_, buffered_, callback(&Session::on_response_written));
  }

  // Large generated bodies: header first, then filler written piece by piece.
  void write_streamed_header() {
    streamed_header_ = {};
    fill_header(streamed_header_);
    if (response_.chunk_size > 0) {
      streamed_header_.chunked(true);
    } else {
      streamed_header_.content_length(response_.generated_size);
    }
    body_remaining_ = head_ ? 0 : response_.generated_size;
    chunk_trailer_pending_ = !head_ && response_.chunk_size > 0;
    header_serializer_.emplace(streamed_header_);
    http::async_write_header(stream_, *header_serializer_, callback(&Session::on_body_piece_written));
  }

  void on_body_piece_written(error_code ec, std::size_t) {
    if (ec) return;
    if (body_remaining_ == 0 && !chunk_trailer_pending_) {
      on_response_written(ec, 0);
      return;
    }
    tcp().expires_after(kWriteTimeout);
    if (response_.chunk_size == 0) {
      const std::size_t piece = static_cast<std::size_t>(std::min<std::uint64_t>(body_remaining_, kStreamPieceBytes));
      const std::uint64_t offset = response_.generated_size - body_remaining_;
      body_remaining_ -= piece;
      asio::async_write(stream_, filler(offset, piece), callback(&Session::on_body_piece_written));
      return;
    }
    // Chunked framing by hand: "<hex size>\r\n<data>\r\n", and the final
    // "0\r\n\r\n" rides along with the last data chunk.
    static constexpr std::string_view kCrlf = "\r\n";
    static constexpr std::string_view kCrlfLastChunk = "\r\n0\r\n\r\n";
    static constexpr std::string_view kLastChunk = "0\r\n\r\n";
    if (body_remaining_ == 0) {
      chunk_trailer_pending_ = false;
      asio::async_write(stream_, asio::buffer(kLastChunk.data(), kLastChunk.size()),
                        callback(&Session::on_body_piece_written));
      return;
    }
    const std::size_t piece = static_cast<std::size_t>(std::min<std::uint64_t>(body_remaining_, response_.chunk_size));
    const std::uint64_t offset = response_.generated_size - body_remaining_;
    body_remaining_ -= piece;
    if (body_remaining_ == 0) chunk_trailer_pending_ = false;
    const std::string_view trailer = body_remaining_ == 0 ? kCrlfLastChunk : kCrlf;
    const int size_length = std::snprintf(chunk_size_line_.data(), chunk_size_line_.size(), "%zx\r\n", piece);
    const std::array<asio::const_buffer, 3> buffers{
        asio::buffer(chunk_size_line_.data(), static_cast<std::size_t>(size_length)), filler(offset, piece),
        asio::buffer(trailer.data(), trailer.size())};
    asio::async_write(stream_, buffers, callback(&Session::on_body_piece_written));
  }

  void on_response_written(error_code ec, std::size_t) {
    if (ec) return;
    if (keep_alive_) {
      read_request();
    } else {
      close_gracefully();
    }
  }

  void close_gracefully() {
    if constexpr (kTls) {
      tcp().expires_after(std::chrono::seconds(5));
      stream_.async_shutdown(callback(&Session::on_tls_shutdown));
    } else {
      error_code ignored;
      tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }
  }

  void on_tls_shutdown(error_code) { tcp().close(); }

  Stream stream_;
  ServerState& state_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::vector<HeaderView> header_views_;  // reused: no allocation per request

  Response response_;
  std::string_view counted_path_;
  std::string peer_address_;  // the client's IP, read once per connection
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  asio::steady_timer delay_timer_;

  http::response<http::string_body> buffered_;
  http::response<http::empty_body> streamed_header_;
  std::optional<http::response_serializer<http::empty_body>> header_serializer_;
  std::uint64_t body_remaining_ = 0;
  bool chunk_trailer_pending_ = false;
  std::array<char, 24> chunk_size_line_{};
};

}  // namespace

void start_plain_session(asio::ip::tcp::socket socket, ServerState& state) {
  std::make_shared<Session<beast::tcp_stream>>(state, std::move(socket))->start();
}

void start_tls_session(asio::ip::tcp::socket socket, asio::ssl::context& tls, ServerState& state) {
  std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(state, std::move(socket), tls)->start();
}

}  // namespace demo_target
