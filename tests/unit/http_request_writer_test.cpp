#include "http/request_writer.hpp"

#include <gtest/gtest.h>

namespace locustpp::http {
namespace {

locustpp_string s(std::string_view text) {
  return {text.data(), text.size()};
}

TEST(RequestWriter, WritesDefaultsAuthCookiesAndBody) {
  locustpp_pair headers[] = {{s("X-Trace"), s("1")}, {s("accept"), s("text/plain")}};
  locustpp_http_request raw{};
  raw.struct_size = sizeof(raw);
  raw.method = s("POST");
  raw.headers = headers;
  raw.header_count = 2;
  raw.body = s(R"({"a":1})");
  raw.content_type = s("application/json");
  outgoing_request request;
  request.assign(raw);
  url where = *parse_absolute_url("http://user:pw@127.0.0.1:8080/p?q=1");
  cookie_jar cookies;
  cookies.store("sid=9", "127.0.0.1", "/", 0);
  std::string out;
  write_request(out, request, where, cookies);
  EXPECT_EQ(out,
            "POST /p?q=1 HTTP/1.1\r\n"
            "Host: 127.0.0.1:8080\r\n"
            "User-Agent: locustpp/0.1\r\n"
            "Authorization: Basic dXNlcjpwdw==\r\n"
            "Cookie: sid=9\r\n"
            "X-Trace: 1\r\n"
            "accept: text/plain\r\n"
            "Content-Type: application/json\r\n"
            "Content-Length: 7\r\n"
            "\r\n"
            R"({"a":1})");
}

TEST(RequestWriter, EncodesFormsAndDropsBodiesAfterRedirectToGet) {
  locustpp_pair form[] = {{s("user"), s("a b")}, {s("pw"), s("x&y")}};
  locustpp_http_request raw{};
  raw.struct_size = sizeof(raw);
  raw.method = s("POST");
  raw.form = form;
  raw.form_count = 2;
  outgoing_request request;
  request.assign(raw);
  EXPECT_EQ(request.body, "user=a+b&pw=x%26y");
  EXPECT_EQ(request.content_type, "application/x-www-form-urlencoded");
  request.method = "GET";
  request.has_body = false;
  std::string out;
  write_request(out, request, *parse_absolute_url("http://h/next"), cookie_jar{});
  EXPECT_EQ(out.find("Content-Length"), std::string::npos);
  EXPECT_TRUE(out.ends_with("\r\n\r\n"));
}

// What would split the request or smuggle a header is refused before writing.
TEST(RequestWriter, RefusesHeadersThatWouldInjectLines) {
  auto invalid = [](std::string_view name, std::string_view value) {
    locustpp_pair header[] = {{s("X-Fine"), s("ok")}, {s(name), s(value)}};
    locustpp_http_request raw{};
    raw.struct_size = sizeof(raw);
    raw.method = s("GET");
    raw.headers = header;
    raw.header_count = 2;
    outgoing_request request;
    request.assign(raw);
    const std::string* refused = request.invalid_header();
    return refused != nullptr ? *refused : std::string("(none)");
  };
  EXPECT_EQ(invalid("X-Ok", "a value, with: punctuation"), "(none)");
  EXPECT_EQ(invalid("X-Evil", "a\r\nInjected: yes"), "X-Evil");
  EXPECT_EQ(invalid("X-Evil", "a\nb"), "X-Evil");
  EXPECT_EQ(invalid("X-Evil", std::string_view("a\0b", 3)), "X-Evil");
  EXPECT_EQ(invalid("X-Evil", " leading space"), "X-Evil");
  EXPECT_EQ(invalid("X-Bad Name", "v"), "X-Bad Name");
  EXPECT_EQ(invalid("X-Bad:Name", "v"), "X-Bad:Name");
  EXPECT_EQ(invalid("", "v"), "") << "an empty name is refused too";
}

TEST(RequestWriter, Base64) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
}

}  // namespace
}  // namespace locustpp::http
