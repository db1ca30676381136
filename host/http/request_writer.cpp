// HTTP/1.1 request serialisation (see request_writer.hpp).
#include "http/request_writer.hpp"

#include <charconv>
#include <chrono>

namespace locustpp::http {
namespace {

void header(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

std::int64_t epoch_seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool method_has_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace

void write_request(std::string& out, const outgoing_request& request, const url& where, const cookie_jar& cookies) {
  out.clear();
  out += request.method;
  out += ' ';
  out += where.target;
  // Few, long appends: this runs for every request.
  if (request.sets_header("Host")) {
    out += " HTTP/1.1\r\n";
  } else {
    out += " HTTP/1.1\r\nHost: ";
    out += where.host_header();
    out += "\r\n";
  }
  const bool own_agent = request.sets_header("User-Agent");
  const bool own_accept = request.sets_header("Accept");
  if (!own_agent && !own_accept) {
    out += "User-Agent: locustpp/0.1\r\nAccept: */*\r\n";
  } else {
    if (!own_agent) out += "User-Agent: locustpp/0.1\r\n";
    if (!own_accept) out += "Accept: */*\r\n";
  }
  if (!where.userinfo.empty() && !request.sets_header("Authorization")) {
    header(out, "Authorization", "Basic " + base64_encode(where.userinfo));
  }
  if (!cookies.empty() && !request.sets_header("Cookie")) {
    std::size_t mark = out.size();
    out += "Cookie: ";
    if (cookies.append_header_value(out, where.host, path_of(where.target), where.tls, epoch_seconds_now())) {
      out += "\r\n";
    } else {
      out.resize(mark);
    }
  }
  for (std::size_t i = 0; i < request.header_count; ++i)
    header(out, request.headers[i].first, request.headers[i].second);
  std::string_view body = request.has_body ? std::string_view(request.body) : std::string_view{};
  if (!body.empty() || method_has_body(request.method)) {
    if (!body.empty() && !request.content_type.empty() && !request.sets_header("Content-Type")) {
      header(out, "Content-Type", request.content_type);
    }
    if (!request.sets_header("Content-Length")) {
      char digits[24];
      auto [end, error] = std::to_chars(digits, digits + sizeof(digits), body.size());
      (void)error;
      header(out, "Content-Length", std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
  }
  out += "\r\n";
  out += body;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace locustpp::http
