// Text from the target or a plugin is safe wherever locustpp writes it. A
// real run against the fault server, whose /hostile-status answers a status
// line with an escape sequence and bytes that are not UTF-8, with a plugin
// (hostile_text) putting commas, quotes, CR, LF, NUL, ESC, BEL, DEL, a C1
// control, 0xFF, a lone continuation byte and a cut multibyte sequence into
// names, a request type, failures and an exception; then:
//  - Python reads every CSV with its csv module (strict UTF-8) and finds each
//    field as Python itself decodes the text given, without NUL; the --json
//    output and the HTML report's data are strict UTF-8 JSON holding it
//    (text_safety_check.py);
//  - stderr (tables, error and exception reports, log lines) carries no
//    control character but its line ends: ESC and the others are escaped.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "child_process.hpp"
#include "fault_server.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

using namespace std::string_literals;  // the hostile text holds a NUL

const std::string hostile =
    ",\"quoted\" CR\r LF\n CRLF\r\n ESC\x1b[31m BEL\x07 DEL\x7f C1\xC2\x9B FF\xFF lone\x80 cut\xE2\x82 tab\t"
    " NUL\x00 end \xC3\xA9"s;

// How the console shows it: Python-style escapes, U+FFFD for what is not UTF-8.
const std::string fffd = "\xEF\xBF\xBD";
const std::string shown_until_nul = ",\"quoted\" CR\\r LF\\n CRLF\\r\\n ESC\\x1b[31m BEL\\x07 DEL\\x7f C1\\x9b FF" +
                                    fffd + " lone" + fffd + " cut" + fffd + " tab\\t NUL";
const std::string shown = shown_until_nul + "\\x00 end \xC3\xA9";

std::string hex_of(const std::string& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  for (const char c : bytes) {
    hex += digits[static_cast<unsigned char>(c) >> 4];
    hex += digits[static_cast<unsigned char>(c) & 0xF];
  }
  return hex;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(HostileText, IsSafeInEveryOutput) {
  fault_server server;
  const auto dir = make_temp_dir("locustpp-text-safety");
  const std::string prefix = (dir / "run").string();
  const std::string html = (dir / "report.html").string();
  run_result result = run_locustpp({"-f", test_plugin("hostile_text"), "--headless", "-u", "1", "-r", "10", "-t", "2s",
                                    "-H", server.url(), "--hostile-hex", hex_of(hostile), "--csv", prefix,
                                    "--csv-full-history", "--json", "--html", html});
  ASSERT_TRUE(result.exit_code.has_value()) << "locustpp hung\n" << result.err;
  EXPECT_EQ(*result.exit_code, 1) << "the failures give the error exit code\n" << result.err;
  ASSERT_GT(result.total_requests(), 4u) << result.err;

  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << "no ESC reaches stderr";
  EXPECT_EQ(result.err.find('\x07'), std::string::npos);
  EXPECT_EQ(result.err.find('\r'), std::string::npos);
  EXPECT_EQ(result.err.find("\xC2\x9B"), std::string::npos) << "no C1 control (a one-character CSI)";
  EXPECT_EQ(result.err.find('\xFF'), std::string::npos);
  EXPECT_TRUE(contains(result.err, "GET      /ok " + shown)) << "the request table's row\n" << result.err;
  EXPECT_TRUE(contains(result.err, "TYPE " + shown + " fired " + shown + ": error " + shown)) << "the error report";
  EXPECT_TRUE(contains(result.err, "GET /hostile-status: BadStatusLine('HTTP/1.1 abc \\x1b[31m " + fffd + " " + fffd +
                                       " " + fffd + " end')"))
      << "the target's status line, as the error report shows it";
  EXPECT_TRUE(contains(result.err, "raised: exception " + shown_until_nul + "\n")) << "the exception's log line";

  write_file(dir / "stdout.json", result.out);
  write_file(dir / "stderr.txt", result.err);
  child_process check({"/usr/bin/python3", std::string(source_dir) + "/tests/integration/text_safety_check.py", prefix,
                       hex_of(hostile), (dir / "stdout.json").string(), html, (dir / "stderr.txt").string()});
  EXPECT_EQ(check.wait(std::chrono::seconds(30)), 0) << check.stdout_text() << check.stderr_text();
}

}  // namespace
}  // namespace locustpp::testing
