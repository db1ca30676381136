// Beast-based implementation of response_parser (see response_parser.hpp).
#include "http/response_parser.hpp"

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <cctype>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string_view>

namespace locustpp::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// Routes Beast's parse callbacks into a parsed_response.
class beast_response_parser final : public bhttp::basic_parser<false> {
 public:
  explicit beast_response_parser(parsed_response& out) : out_(out) {
    header_limit(response_parser::max_header_bytes);
    body_limit(std::numeric_limits<std::uint64_t>::max());
    eager(true);
  }
  bool header_parsed = false;

 private:
  void on_request_impl(bhttp::verb, beast::string_view, beast::string_view, int, beast::error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, beast::error_code&) override { out_.status = code; }
  void on_field_impl(bhttp::field, beast::string_view name, beast::string_view value, beast::error_code&) override {
    if (out_.header_count == out_.headers.size()) out_.headers.emplace_back();
    auto& [stored_name, stored_value] = out_.headers[out_.header_count++];
    stored_name.assign(name.data(), name.size());
    stored_value.assign(value.data(), value.size());
  }
  void on_header_impl(beast::error_code&) override { header_parsed = true; }
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

std::string_view first_line(std::string_view data) {
  std::size_t end = data.find_first_of("\r\n");
  return data.substr(0, std::min<std::size_t>(end, 200));
}

bool is_chunk_size(std::string_view line) {
  line = line.substr(0, line.find(';'));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.empty()) return false;
  for (char c : line) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The chunk-size line Beast refused: walks the chunks of `data` (a chunked
// body, or a whole response when `from_header`) to the first bad size line.
std::string_view bad_chunk_line(std::string_view data, bool from_header) {
  if (from_header) {
    std::size_t body = data.find("\r\n\r\n");
    if (body == std::string_view::npos) return {};
    data.remove_prefix(body + 4);
  }
  while (!data.empty()) {
    if (data.starts_with("\r\n")) data.remove_prefix(2);
    std::string_view line = first_line(data);
    if (!is_chunk_size(line)) return line;
    std::uint64_t size = std::strtoull(std::string(line).c_str(), nullptr, 16);
    std::size_t skip = line.size() + 2 + static_cast<std::size_t>(std::min<std::uint64_t>(size, data.size()));
    if (skip >= data.size()) return {};
    data.remove_prefix(skip);
  }
  return {};
}

}  // namespace

struct response_parser::impl {
  std::optional<beast_response_parser> parser;  // rebuilt in place per message
  parsed_response* out = nullptr;

  void fill_body_progress(parse_failure& failure) const {
    failure.body_bytes = out->body.size();
    if (auto length = parser->content_length(); length && *length >= out->body.size()) {
      failure.body_remaining = *length - out->body.size();
    }
  }
};

response_parser::response_parser() : impl_(std::make_unique<impl>()) {}
response_parser::~response_parser() = default;

void response_parser::start(parsed_response& into, bool head_request) {
  into.clear();
  impl_->out = &into;
  impl_->parser.emplace(into);
  impl_->parser->skip(head_request);
}

std::size_t response_parser::feed(const char* data, std::size_t size, parse_failure& failure) {
  beast::error_code ec;
  bool header_was_parsed = impl_->parser->header_parsed;
  std::size_t used = impl_->parser->put(boost::asio::const_buffer(data, size), ec);
  if (ec == bhttp::error::need_more) return used;
  if (!ec) {
    if (impl_->parser->is_done()) impl_->out->keep_alive = impl_->parser->keep_alive();
    return used;
  }
  std::string_view bytes(data, size);
  if (ec == bhttp::error::header_limit) {
    failure.what = parse_failure::kind::header_too_large;
  } else if (ec == bhttp::error::bad_chunk || ec == bhttp::error::bad_chunk_extension) {
    failure.what = parse_failure::kind::bad_chunk;
    failure.line = bad_chunk_line(bytes, !header_was_parsed);
    impl_->fill_body_progress(failure);
  } else if (!header_was_parsed && (ec == bhttp::error::bad_version || ec == bhttp::error::bad_status ||
                                    ec == bhttp::error::bad_reason || ec == bhttp::error::bad_line_ending)) {
    failure.what = parse_failure::kind::bad_status_line;
    failure.line = first_line(bytes);
  } else {
    failure.what = parse_failure::kind::bad_header;
    failure.line = ec.message();
  }
  return 0;
}

void response_parser::feed_eof(parse_failure& failure) {
  // Beast treats EOF before the first byte as an empty, complete message.
  if (!impl_->parser->got_some()) {
    failure.what = parse_failure::kind::nothing_received;
    return;
  }
  beast::error_code ec;
  impl_->parser->put_eof(ec);
  if (ec) {
    failure.what =
        impl_->parser->header_parsed ? parse_failure::kind::cut_short : parse_failure::kind::nothing_received;
    impl_->fill_body_progress(failure);
    return;
  }
  impl_->out->keep_alive = false;
}

bool response_parser::done() const noexcept {
  return impl_->parser && impl_->parser->is_done();
}

}  // namespace locustpp::http
