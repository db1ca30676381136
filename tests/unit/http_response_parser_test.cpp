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
    ASSERT_EQ(out.header_count(), 2u);
    EXPECT_EQ(out.header_name(1), "X-A");
    EXPECT_EQ(out.header_value(1), "b");
    EXPECT_EQ(out.header("x-a"), "b");
    EXPECT_EQ(out.header("content-length"), "5");
    EXPECT_FALSE(out.header("X-B"));
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

// Parses a whole response fed at once; `done` says whether it completed without EOF.
struct whole_response {
  parsed_response out;
  bool done = false;
  parse_failure failure;
};
whole_response parse(const std::string& wire, bool head = false) {
  whole_response result;
  response_parser parser;
  parser.start(result.out, head);
  result.failure = feed_in_pieces(parser, wire, 1000);
  result.done = parser.done();
  return result;
}

TEST(ResponseParser, KeepAliveFollowsPythonsRules) {
  EXPECT_TRUE(parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").out.keep_alive);
  EXPECT_FALSE(parse("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n").out.keep_alive);
  EXPECT_FALSE(parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").out.keep_alive);
  EXPECT_TRUE(parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").out.keep_alive);
  EXPECT_TRUE(parse("HTTP/1.0 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 0\r\n\r\n").out.keep_alive);
  // A 204 that announces a body: whatever follows cannot be trusted as the next response.
  whole_response no_content = parse("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n");
  EXPECT_TRUE(no_content.done);
  EXPECT_FALSE(no_content.out.keep_alive);
  EXPECT_TRUE(parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\n\r\n").out.keep_alive);
  // No length and not chunked: the body ends with the connection.
  whole_response until_close = parse("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\nabc");
  EXPECT_FALSE(until_close.done);
  EXPECT_EQ(until_close.out.body, "abc");
}

TEST(ResponseParser, ChunkedBeatsContentLengthAndTrailersAreRead) {
  whole_response both = parse(
      "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4;ext=1\r\nwiki\r\n5\r\npedia\r\n0\r\nX-Trailer: yes\r\n\r\n");
  EXPECT_FALSE(both.failure);
  EXPECT_TRUE(both.done);
  EXPECT_EQ(both.out.body, "wikipedia");
  EXPECT_TRUE(both.out.keep_alive);
}

TEST(ResponseParser, SkipsContinueAndToleratesWhatPythonTolerates) {
  whole_response result = parse(
      "HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"
      "HTTP/1.1 200 OK\n"  // bare LF line endings
      "Content-Length: 2\n"
      "X-Folded: first\r\n  second\r\n"  // an obsolete folded line
      "not a header line\r\n"            // no colon: ignored
      "X-Spaces:   padded value  \r\n"
      "\nok");
  EXPECT_FALSE(result.failure);
  ASSERT_TRUE(result.done);
  EXPECT_EQ(result.out.status, 200);
  EXPECT_EQ(result.out.body, "ok");
  ASSERT_EQ(result.out.header_count(), 3u);
  EXPECT_EQ(result.out.header_name(0), "Content-Length");
  EXPECT_EQ(result.out.header_value(1), "first second");
  EXPECT_EQ(result.out.header_value(2), "padded value");
  EXPECT_FALSE(result.out.has_set_cookie);
  EXPECT_TRUE(parse("HTTP/1.1 200 OK\r\nset-cookie: a=1\r\nContent-Length: 0\r\n\r\n").out.has_set_cookie);
}

TEST(ResponseParser, OtherInterimAnswersAreTheResponse) {
  whole_response early_hints = parse("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n");
  EXPECT_TRUE(early_hints.done);
  EXPECT_EQ(early_hints.out.status, 103);
}

TEST(ResponseParser, RefusesWhatPythonRefuses) {
  EXPECT_EQ(text_after("HTTP/2.0 200 OK\r\n\r\n"), "UnknownProtocol('HTTP/2.0')");
  EXPECT_EQ(text_after("HTTP/1.1 99 Low\r\n\r\n"), "BadStatusLine('HTTP/1.1 99 Low')");
  EXPECT_EQ(text_after("HTTP/1.1 1000 High\r\n\r\n"), "BadStatusLine('HTTP/1.1 1000 High')");
  EXPECT_EQ(text_after("HTTP/1.1\r\n\r\n"), "BadStatusLine('HTTP/1.1')");
  EXPECT_EQ(text_after("HTTP/1.1 200 " + std::string(70000, 'x')),
            "LineTooLong('got more than 65536 bytes when reading status line')");
  std::string many = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 101; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(text_after(many + "\r\n"), "HTTPException('got more than 100 headers')");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(70000, '1')),
            "LineTooLong('got more than 65536 bytes when reading chunk size')");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY\r\n0\r\n\r\n"),
            "InvalidChunkLength(got length b'XY', 2 bytes read)");
  EXPECT_EQ(text_after("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n"),
            "InvalidChunkLength(got length b'fffffffffffffffff', 0 bytes read)");
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
  EXPECT_EQ(out.header_count(), 1u) << "only the new message's headers count";
  EXPECT_EQ(out.body, "");
}

}  // namespace
}  // namespace locustpp::http
