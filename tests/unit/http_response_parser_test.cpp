#include "http/response_parser.hpp"

#include <gtest/gtest.h>

#include <string>

#include "http/error_text.hpp"

namespace locustpp::http {
namespace {

using kind = parse_failure::kind;

// Feeds `wire` in pieces of `step` bytes, as a socket might deliver it.
parse_failure feed_in_pieces(response_parser& parser, const std::string& wire, std::size_t step) {
  std::string buffer;
  parse_failure failure;
  for (std::size_t at = 0; at < wire.size() && !parser.done(); at += step) {
    buffer += wire.substr(at, step);
    std::size_t used = parser.feed(buffer.data(), buffer.size(), failure);
    if (failure) return failure;
    buffer.erase(0, used);
  }
  return failure;
}

// The failure text for a whole response that ends with the connection.
std::string text_after(const std::string& wire, std::size_t step = 1000) {
  response_parser parser;
  parsed_response out;
  parser.start(out, false);
  parse_failure failure = feed_in_pieces(parser, wire, step);
  if (!failure && !parser.done()) parser.feed_eof(failure);
  return failure ? protocol_error_text(failure) : "";
}

TEST(ResponseParser, ReadsStatusHeadersAndBodyInAnyPieces) {
  std::string wire = "HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello";
  for (std::size_t step : {1u, 3u, 7u, 1000u}) {
    response_parser parser;
    parsed_response out;
    parser.start(out, false);
    EXPECT_FALSE(feed_in_pieces(parser, wire, step));
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
  EXPECT_FALSE(feed_in_pieces(parser, wire, 4));
  EXPECT_TRUE(parser.done());
  EXPECT_EQ(out.body, "hello world");
}

TEST(ResponseParser, EofDelimitedBody) {
  response_parser parser;
  parsed_response out;
  parser.start(out, false);
  parse_failure failure;
  std::string wire = "HTTP/1.0 200 OK\r\n\r\nuntil close";
  parser.feed(wire.data(), wire.size(), failure);
  EXPECT_FALSE(parser.done());
  parser.feed_eof(failure);
  EXPECT_FALSE(failure);
  EXPECT_EQ(out.body, "until close");
  EXPECT_FALSE(out.keep_alive);
}

TEST(ResponseParser, HeadResponsesHaveNoBody) {
  response_parser parser;
  parsed_response out;
  parser.start(out, true);
  parse_failure failure;
  std::string wire = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
  parser.feed(wire.data(), wire.size(), failure);
  EXPECT_TRUE(parser.done());
  EXPECT_EQ(out.body, "");
}

// Each way a response can be broken gets the text Python's http.client
// (as Locust reports it) gives.
TEST(ResponseParser, NamesEachBrokenResponseAsPythonDoes) {
  EXPECT_EQ(text_after(""), "RemoteDisconnected('Remote end closed connection without response')");
  EXPECT_EQ(text_after("GARBAGE\r\n\r\n"), "BadStatusLine('GARBAGE')");
  EXPECT_EQ(text_after("HTTP/1.1 abc Bad\r\n\r\n"), "BadStatusLine('HTTP/1.1 abc Bad')");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"),
            "IncompleteRead(5 bytes read, 95 more expected)");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello", 1),
            "IncompleteRead(5 bytes read, 95 more expected)");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"),
            "IncompleteRead(3 bytes read)");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n"),
            "LineTooLong('got more than 65536 bytes when reading header line')");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
            "InvalidChunkLength(got length b'zz', 0 bytes read)");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nqq\r\n", 7),
            "InvalidChunkLength(got length b'qq', 5 bytes read)");
  EXPECT_EQ(text_after("HTTP/1.1 2"), "RemoteDisconnected('Remote end closed connection without response')");
}

TEST(ResponseParser, ReusesStorageAcrossMessages) {
  response_parser parser;
  parsed_response out;
  parse_failure failure;
  std::string wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nA: 1\r\nB: 2\r\n\r\nok";
  parser.start(out, false);
  parser.feed(wire.data(), wire.size(), failure);
  parser.start(out, false);
  std::string second = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
  parser.feed(second.data(), second.size(), failure);
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(out.header_count, 1u) << "only the new message's headers count";
  EXPECT_EQ(out.body, "");
}

}  // namespace
}  // namespace locustpp::http
