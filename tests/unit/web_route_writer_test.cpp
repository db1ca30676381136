// route_writer: what a module's route writes through the ABI, and the check
// that HTTP can carry it before it reaches Beast.
#include "web/route_writer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace locustpp::web {
namespace {

locustpp_string abi_text(const std::string& text) {
  return locustpp_string{text.data(), text.size()};
}

TEST(RouteWriter, CollectsStatusHeadersAndBodyThroughTheAbi) {
  route_writer writer;
  locustpp_web_response abi = writer.abi();
  abi.set_status(abi.writer_ctx, 201);
  const std::string type = "Content-Type", json = "application/json", name = "X-One", value = "1", body = "{}";
  abi.add_header(abi.writer_ctx, abi_text(type), abi_text(json));
  abi.add_header(abi.writer_ctx, abi_text(name), abi_text(value));
  abi.append_body(abi.writer_ctx, abi_text(body));
  EXPECT_EQ(writer.response.status, 201);
  EXPECT_EQ(writer.response.content_type, "application/json");
  ASSERT_EQ(writer.response.headers.size(), 1u);
  EXPECT_EQ(writer.response.headers[0].second, "1");
  EXPECT_EQ(writer.response.body, "{}");
  EXPECT_EQ(writer.problem(), "");
}

TEST(RouteWriter, NamesWhatHttpCannotCarry) {
  const auto problem_of = [](int status, std::string name, std::string value) {
    route_writer writer;
    writer.response.status = status;
    writer.response.headers.emplace_back(std::move(name), std::move(value));
    return writer.problem();
  };
  EXPECT_EQ(problem_of(1000, "X", "1"), "status 1000 (HTTP carries 100 to 999)");
  EXPECT_EQ(problem_of(99, "X", "1"), "status 99 (HTTP carries 100 to 999)");
  EXPECT_EQ(problem_of(999, "X", "1"), "");
  EXPECT_EQ(problem_of(200, "X", std::string(route_writer::max_header_bytes, 'x')), "");
  EXPECT_EQ(problem_of(200, "X", std::string(route_writer::max_header_bytes + 1, 'x')),
            "header X: 16386 bytes (at most 16384)");
  EXPECT_EQ(problem_of(200, "X", "a\r\nSet-Cookie: x=1"), "header X: a value with CR, LF or NUL");
  EXPECT_EQ(problem_of(200, "X", std::string("a\0b", 3)), "header X: a value with CR, LF or NUL");
  EXPECT_EQ(problem_of(200, "Bad Name", "1"), "a header named 'Bad Name' (not a header name)");
  EXPECT_EQ(problem_of(200, "", "1"), "a header named '' (not a header name)");

  route_writer typed;
  typed.response.content_type = "text/html\r\nX-Injected: 1";
  EXPECT_EQ(typed.problem(), "header Content-Type: a value with CR, LF or NUL");
}

}  // namespace
}  // namespace locustpp::web
