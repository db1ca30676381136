// Beast-based implementation of response_parser (see response_parser.hpp).
#include "http/response_parser.hpp"

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <limits>
#include <optional>

namespace locustpp::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// Routes Beast's parse callbacks into a parsed_response.
class beast_response_parser final : public bhttp::basic_parser<false> {
 public:
  explicit beast_response_parser(parsed_response& out) : out_(out) {
    header_limit(64 * 1024);
    body_limit(std::numeric_limits<std::uint64_t>::max());
    eager(true);
  }

 private:
  void on_request_impl(bhttp::verb, beast::string_view, beast::string_view, int, beast::error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, beast::error_code&) override { out_.status = code; }
  void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value, beast::error_code&) override {
    if (out_.header_count == out_.headers.size()) out_.headers.emplace_back();
    auto& [stored_name, stored_value] = out_.headers[out_.header_count++];
    stored_name.assign(name.data(), name.size());
    stored_value.assign(value.data(), value.size());
  }
  void on_header_impl(beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, beast::error_code&) override {
    // Reserve for declared lengths up to 1 MiB; larger bodies grow as they come.
    if (length && *length <= (1u << 20)) out_.body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(beast::string_view data, beast::error_code&) override {
    out_.body.append(data.data(), data.size());
    return data.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view data, beast::error_code&) override {
    out_.body.append(data.data(), data.size());
    return data.size();
  }
  void on_finish_impl(beast::error_code&) override {}

  parsed_response& out_;
};

}  // namespace

struct response_parser::impl {
  std::optional<beast_response_parser> parser;  // rebuilt in place per message
  parsed_response* out = nullptr;
};

response_parser::response_parser() : impl_(std::make_unique<impl>()) {}
response_parser::~response_parser() = default;

void response_parser::start(parsed_response& into, bool head_request) {
  into.clear();
  impl_->out = &into;
  impl_->parser.emplace(into);
  impl_->parser->skip(head_request);
}

std::size_t response_parser::feed(const char* data, std::size_t size, std::string& error) {
  beast::error_code ec;
  std::size_t used = impl_->parser->put(boost::asio::const_buffer(data, size), ec);
  if (ec == bhttp::error::need_more) return used;
  if (ec) {
    error = "malformed HTTP response: " + ec.message();
    return 0;
  }
  if (impl_->parser->is_done()) impl_->out->keep_alive = impl_->parser->keep_alive();
  return used;
}

void response_parser::feed_eof(std::string& error) {
  beast::error_code ec;
  impl_->parser->put_eof(ec);
  if (ec) {
    error = impl_->parser->got_some() ? "connection closed before the response was complete"
                                      : "connection closed without a response";
    return;
  }
  impl_->out->keep_alive = false;
}

bool response_parser::done() const noexcept { return impl_->parser && impl_->parser->is_done(); }

}  // namespace locustpp::http
