// Report helpers: millisecond cells, trimmed decimals, UTC timestamps, CSV quoting.
#include "report/format_ms.hpp"

#include <gtest/gtest.h>

#include <string>

#include "report/csv_text.hpp"
#include "report/number_text.hpp"
#include "report/utc_time.hpp"

namespace locustpp::report {
namespace {

TEST(FormatMs, DecimalsShrinkAsValuesGrow) {
  EXPECT_EQ(format_ms(0.0), "0.00");
  EXPECT_EQ(format_ms(1.234), "1.23");
  EXPECT_EQ(format_ms(9.99), "9.99");
  EXPECT_EQ(format_ms(9.996), "10.0");  // rounds up into the next band
  EXPECT_EQ(format_ms(12.34), "12.3");
  EXPECT_EQ(format_ms(99.94), "99.9");
  EXPECT_EQ(format_ms(99.96), "100");
  EXPECT_EQ(format_ms(150.4), "150");
  EXPECT_EQ(format_ms(123'456.7), "123457");
}

TEST(FormatTrimmed, DropsTrailingZeros) {
  EXPECT_EQ(format_trimmed(12.3004, 3), "12.3");
  EXPECT_EQ(format_trimmed(7.0, 3), "7");
  EXPECT_EQ(format_trimmed(0.0004, 3), "0");
  EXPECT_EQ(format_trimmed(-0.0004, 3), "0");
  EXPECT_EQ(format_trimmed(100.0, 3), "100");  // zeros before the point stay
  EXPECT_EQ(format_trimmed(2.0 / 3.0, 6), "0.666667");
  EXPECT_EQ(format_trimmed(1'234.5678, 3), "1234.568");
}

// What Python prints for repr(float): Locust's CSV files are written by
// csv.writer, which uses it.
TEST(PythonFloatRepr, MatchesPython) {
  EXPECT_EQ(python_float_repr(3.0), "3.0");
  EXPECT_EQ(python_float_repr(0.0), "0.0");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(0.1), "0.1");
  EXPECT_EQ(python_float_repr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(python_float_repr(3.0814623256489098), "3.0814623256489098");
  EXPECT_EQ(python_float_repr(14.376074548471635), "14.376074548471635");
  EXPECT_EQ(python_float_repr(100.0), "100.0");
  EXPECT_EQ(python_float_repr(1234567.5), "1234567.5");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(0.00001), "1e-05");
  EXPECT_EQ(python_float_repr(2.5e-05), "2.5e-05");
  EXPECT_EQ(python_float_repr(9999999999999998.0), "9999999999999998.0");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(python_float_repr(-12.25), "-12.25");
}

TEST(FormatUtcIso8601, WholeSecondsWithZ) {
  EXPECT_EQ(format_utc_iso8601(0.0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc_iso8601(1'717'243'205.9), "2024-06-01T12:00:05Z");
}

TEST(CsvText, QuotesOnlyWhenNeeded) {
  std::string out;
  append_csv_row(out, {"plain", "with,comma", "with \"quote\"", "line\nbreak", "cr\rhere", ""});
  EXPECT_EQ(out, "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",\"cr\rhere\",\r\n");
  std::string row;
  append_csv_row(row, std::vector<std::string>{"a", "b c"});
  EXPECT_EQ(row, "a,b c\r\n");
}

}  // namespace
}  // namespace locustpp::report
