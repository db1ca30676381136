// Text safety: UTF-8 repaired as Python's bytes.decode("utf-8", "replace")
// does it (each expectation below is what Python 3 gives), NUL dropped for
// CSV, control characters escaped for the terminal.
#include "report/text_safety.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace locustpp::report {
namespace {

const std::string fffd(replacement_character);

std::string repaired(std::string_view text) {
  std::string scratch;
  return std::string(valid_utf8(text, scratch));
}

std::string csv_safe(std::string_view text) {
  std::string out;
  append_csv_safe(out, text);
  return out;
}

TEST(TextSafety, ValidTextIsReturnedItselfWithoutACopy) {
  for (std::string_view text :
       {std::string_view("plain ascii, \"quoted\"\r\n"), std::string_view("caf\xC3\xA9 \xE2\x82\xAC"),
        std::string_view("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"), std::string_view("")}) {
    std::string scratch = "untouched";
    const std::string_view safe = valid_utf8(text, scratch);
    EXPECT_EQ(safe.data(), text.data()) << text;
    EXPECT_EQ(safe.size(), text.size());
    EXPECT_EQ(scratch, "untouched") << "nothing was copied";
  }
}

// One U+FFFD per maximal subpart (Unicode §3.9), as Python decodes.
TEST(TextSafety, InvalidUtf8BecomesOneReplacementPerMaximalSubpart) {
  EXPECT_EQ(repaired("\xFF"), fffd);                                   // never a lead byte
  EXPECT_EQ(repaired("a\x80z"), "a" + fffd + "z");                     // a lone continuation byte
  EXPECT_EQ(repaired("\xE2\x82"), fffd);                               // cut short by the end
  EXPECT_EQ(repaired("\xE2\x82x"), fffd + "x");                        // cut short by an ASCII byte
  EXPECT_EQ(repaired("\xF0\x9F\x98"), fffd);                           // three bytes of four
  EXPECT_EQ(repaired("\xC0\x80"), fffd + fffd);                        // overlong NUL
  EXPECT_EQ(repaired("\xE0\x80\xAF"), fffd + fffd + fffd);             // overlong '/'
  EXPECT_EQ(repaired("\xED\xA0\x80"), fffd + fffd + fffd);             // a surrogate
  EXPECT_EQ(repaired("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // past U+10FFFF
  EXPECT_EQ(repaired("\xF5\x80"), fffd + fffd);
  EXPECT_EQ(repaired("ok \xC3\xA9 \xFF ok \xE2\x82\xAC"), "ok \xC3\xA9 " + fffd + " ok \xE2\x82\xAC");
}

TEST(TextSafety, ScratchIsOverwrittenNotAppendedTo) {
  std::string scratch = "left over from before";
  EXPECT_EQ(valid_utf8("x\xFF", scratch), "x" + fffd);
  EXPECT_EQ(valid_utf8("\x80y", scratch), fffd + "y");
}

TEST(TextSafety, CsvTextDropsNulAndRepairsUtf8) {
  EXPECT_EQ(csv_safe("plain"), "plain");
  EXPECT_EQ(csv_safe(std::string_view("a\0b\0", 4)), "ab");
  EXPECT_EQ(csv_safe(std::string_view("\xE2\x82\0x", 4)), fffd + "x") << "NUL ends the cut sequence, then goes";
  EXPECT_EQ(csv_safe("\r\n\t\x1b keep"), "\r\n\t\x1b keep") << "other characters are the quoting's business";
  std::string out = "before,";
  append_csv_safe(out, "\xFF");
  EXPECT_EQ(out, "before," + fffd) << "appends";
}

TEST(TextSafety, TerminalTextEscapesEveryControlCharacter) {
  EXPECT_EQ(terminal_safe("GET /path?q=1 caf\xC3\xA9"), "GET /path?q=1 caf\xC3\xA9");
  EXPECT_EQ(terminal_safe("\x1b[31mred\x1b]0;title\x07"), "\\x1b[31mred\\x1b]0;title\\x07");
  EXPECT_EQ(terminal_safe("a\tb\nc\rd"), "a\\tb\\nc\\rd");
  EXPECT_EQ(terminal_safe(std::string_view("nul\0", 4)), "nul\\x00");
  EXPECT_EQ(terminal_safe("del\x7f"), "del\\x7f");
  // C1 controls (U+0080..U+009F, e.g. U+009B, a one-character CSI) as Python's repr shows them.
  EXPECT_EQ(terminal_safe("\xC2\x80\xC2\x9B\xC2\x9F"), "\\x80\\x9b\\x9f");
  EXPECT_EQ(terminal_safe("\xC2\xA0nbsp"), "\xC2\xA0nbsp") << "U+00A0 is not a control";
  EXPECT_EQ(terminal_safe("\xFF\x9B\xE2\x82"), fffd + fffd + fffd) << "a lone C1 byte is not UTF-8 either";
}

TEST(TextSafety, NoRawEscapeByteSurvives) {
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  const std::string safe = terminal_safe(every_byte + "\xC2\x9B" + every_byte);
  for (const char c : safe) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_FALSE(byte < 0x20 || byte == 0x7F) << "control byte " << int(byte) << " in " << safe;
  }
  EXPECT_EQ(safe.find("\xC2\x80"), std::string::npos);
  std::string scratch;
  EXPECT_EQ(valid_utf8(safe, scratch).data(), safe.data()) << "the result is valid UTF-8";
}

}  // namespace
}  // namespace locustpp::report
