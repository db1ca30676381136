// session_book: sessions the server keeps, so that a logout ends one for
// good, a cookie cannot be made up or altered, and memory stays bounded.
#include "web/session_book.hpp"

#include <gtest/gtest.h>

#include <string>

namespace locustpp::web {
namespace {

constexpr long now = 1'800'000'000;

TEST(SessionBook, AnOpenSessionNamesItsUserUntilItEnds) {
  session_book book;
  const std::string cookie = book.open("ann", now);
  EXPECT_EQ(book.user_of(cookie, now), "ann");
  EXPECT_EQ(book.user_of(cookie, now + session_book::lifetime_seconds - 1), "ann");
  EXPECT_EQ(book.user_of(cookie, now + session_book::lifetime_seconds), std::nullopt) << "ended";
  EXPECT_NE(book.open("ann", now), cookie) << "each login is a session of its own";
}

TEST(SessionBook, AClosedSessionStaysClosedAndOthersGoOn) {
  session_book book;
  const std::string first = book.open("ann", now), second = book.open("ann", now);
  book.close(first);
  EXPECT_EQ(book.user_of(first, now), std::nullopt) << "a replayed cookie after logout";
  EXPECT_EQ(book.user_of(second, now), "ann");
  book.close("not a cookie");
  EXPECT_EQ(book.open_sessions(), 1u);
}

TEST(SessionBook, AnAlteredOrMadeUpCookieNamesNobody) {
  session_book book;
  const std::string cookie = book.open("ann", now);
  std::string altered = cookie;
  altered.back() = altered.back() == '0' ? '1' : '0';
  EXPECT_EQ(book.user_of(altered, now), std::nullopt);
  EXPECT_EQ(book.user_of("626f62" + cookie.substr(cookie.find('.')), now), std::nullopt) << "another user's name";
  EXPECT_EQ(book.user_of("", now), std::nullopt);
  EXPECT_EQ(book.user_of("a.b.c.d", now), std::nullopt);
  session_book other_process;
  EXPECT_EQ(other_process.user_of(cookie, now), std::nullopt) << "sessions end with the process";
}

TEST(SessionBook, AtMostTenThousandSessionsTheEndedOnesGoFirst) {
  session_book book;
  const std::string oldest = book.open("first", now - 100);
  for (std::size_t i = 1; i < session_book::most_sessions; ++i) book.open("user", now);
  EXPECT_EQ(book.open_sessions(), session_book::most_sessions);
  const std::string newest = book.open("last", now);
  EXPECT_EQ(book.open_sessions(), session_book::most_sessions);
  EXPECT_EQ(book.user_of(oldest, now), std::nullopt) << "the one ending first made room";
  EXPECT_EQ(book.user_of(newest, now), "last");
}

}  // namespace
}  // namespace locustpp::web
