// Owned copy of a plugin's request (see outgoing_request.hpp).
#include "http/outgoing_request.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "abi/abi_text.hpp"
#include "http/ascii.hpp"
#include "http/url.hpp"

namespace locustpp::http {
namespace {

// RFC 9110 token characters, as a table: every request's method is checked.
constexpr std::array<bool, 256> token_chars = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!token_chars[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

bool is_safe_value(std::string_view value) {
  if (!value.empty() && (value.front() == ' ' || value.front() == '\t')) return false;
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace

void outgoing_request::assign(const locustpp_http_request& request) {
  method.assign(view_of(request.method));
  header_count = 0;
  for (std::uint32_t i = 0; i < request.header_count; ++i) {
    if (header_count == headers.size()) headers.emplace_back();
    headers[header_count].first.assign(view_of(request.headers[i].key));
    headers[header_count].second.assign(view_of(request.headers[i].value));
    ++header_count;
  }
  body.clear();
  if (request.form_count > 0) {
    for (std::uint32_t i = 0; i < request.form_count; ++i) {
      if (i > 0) body += '&';
      append_form_encoded(body, view_of(request.form[i].key));
      body += '=';
      append_form_encoded(body, view_of(request.form[i].value));
    }
    content_type = "application/x-www-form-urlencoded";
  } else {
    body.assign(view_of(request.body));
    content_type.assign(view_of(request.content_type));
  }
  has_body = true;
}

bool outgoing_request::valid_method() const {
  return is_token(method);
}

const std::string* outgoing_request::invalid_header() const {
  for (std::size_t i = 0; i < header_count; ++i) {
    if (!is_token(headers[i].first) || !is_safe_value(headers[i].second)) return &headers[i].first;
  }
  return nullptr;
}

bool outgoing_request::sets_header(std::string_view name) const {
  for (std::size_t i = 0; i < header_count; ++i) {
    if (equal_ignoring_case(headers[i].first, name)) return true;
  }
  return false;
}

void outgoing_request::remove_header(std::string_view name) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < header_count; ++i) {
    if (equal_ignoring_case(headers[i].first, name)) continue;
    if (kept != i) std::swap(headers[kept], headers[i]);
    ++kept;
  }
  header_count = kept;
}

}  // namespace locustpp::http
