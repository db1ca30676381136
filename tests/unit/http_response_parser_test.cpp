#include "http/response_parser.hpp"

#include <gtest/gtest.h>

#include <string>

namespace locustpp::http {
namespace {

// Feeds `wire` in pieces of `step` bytes, as a socket might deliver it.
std::string feed_in_pieces(response_parser& parser, const std::string& wire, std::size_t step) {
  std::string buffer, error;
  for (std::size_t at = 0; at < wire.size() && !parser.done(); at += step) {
    buffer += wire.substr(at, step);
    std::size_t used = parser.feed(buffer.data(), buffer.size(), error);
    if (!error.empty()) return error;
    buffer.erase(0, used);
  }
  return error;
}

TEST(ResponseParser, ReadsStatusHeadersAndBodyInAnyPieces) {
  std::string wire = "HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello";
  for (std::size_t step : {1u, 3u, 7u, 1000u}) {
    response_parser parser;
    parsed_response out;
    parser.start(out, false);
    EXPECT_EQ(feed_in_pieces(parser, wire, step), "");
    ASSERT_TRUE(parser.done());
    EXPECT_EQ(out.status, 201);
    EXPECT_EQ(out.body, "hello");
    ASSERT_EQ(out.header_count, 2u);
    EXPECT_EQ(out.headers[1].first, "X-A");
    EXPECT_TRUE(out.keep_alive);
  }
}

TEST(ResponseParser, DecodesChunkedBodies) {
  response_parser parser;
  parsed_response out;
  parser.start(out, false);
  std::string wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  EXPECT_EQ(feed_in_pieces(parser, wire, 4), "");
  EXPECT_TRUE(parser.done());
  EXPECT_EQ(out.body, "hello world");
}

TEST(ResponseParser, EofDelimitedBodyAndTruncation) {
  response_parser parser;
  parsed_response out;
  parser.start(out, false);
  std::string error;
  std::string wire = "HTTP/1.0 200 OK\r\n\r\nuntil close";
  parser.feed(wire.data(), wire.size(), error);
  EXPECT_FALSE(parser.done());
  parser.feed_eof(error);
  EXPECT_EQ(error, "");
  EXPECT_EQ(out.body, "until close");
  EXPECT_FALSE(out.keep_alive);

  response_parser cut;
  cut.start(out, false);
  std::string partial = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
  cut.feed(partial.data(), partial.size(), error);
  cut.feed_eof(error);
  EXPECT_EQ(error, "connection closed before the response was complete");
}

TEST(ResponseParser, HeadResponsesHaveNoBody) {
  response_parser parser;
  parsed_response out;
  parser.start(out, true);
  std::string error, wire = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
  parser.feed(wire.data(), wire.size(), error);
  EXPECT_TRUE(parser.done());
  EXPECT_EQ(out.body, "");
}

TEST(ResponseParser, ReportsGarbage) {
  response_parser parser;
  parsed_response out;
  parser.start(out, false);
  std::string error, wire = "NOT HTTP AT ALL\r\n\r\n";
  parser.feed(wire.data(), wire.size(), error);
  EXPECT_NE(error.find("malformed HTTP response"), std::string::npos);
}

TEST(ResponseParser, ReusesStorageAcrossMessages) {
  response_parser parser;
  parsed_response out;
  std::string error, wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nA: 1\r\nB: 2\r\n\r\nok";
  parser.start(out, false);
  parser.feed(wire.data(), wire.size(), error);
  parser.start(out, false);
  std::string second = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
  parser.feed(second.data(), second.size(), error);
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(out.header_count, 1u) << "only the new message's headers count";
  EXPECT_EQ(out.body, "");
}

}  // namespace
}  // namespace locustpp::http
