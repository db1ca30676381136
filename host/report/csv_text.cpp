// CSV quoting: QUOTE_MINIMAL rules of Python's csv module.
#include "report/csv_text.hpp"

#include "report/text_safety.hpp"

namespace locustpp::report {
namespace {

template <class Range>
void append_row(std::string& out, const Range& fields) {
  bool first = true;
  for (const auto& field : fields) {
    if (!first) out.push_back(',');
    first = false;
    append_csv_field(out, field);
  }
  out.append(csv_line_end);
}

}  // namespace

// Made safe piece by piece between the quotes: an ASCII quote always ends
// an ill-formed UTF-8 sequence, so the pieces come out as the whole would.
void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    append_csv_safe(out, field);
    return;
  }
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t quote; (quote = field.find('"', start)) != std::string_view::npos; start = quote + 1) {
    append_csv_safe(out, field.substr(start, quote - start));
    out.append("\"\"");
  }
  append_csv_safe(out, field.substr(start));
  out.push_back('"');
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) { append_row(out, fields); }

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) { append_row(out, fields); }

}  // namespace locustpp::report
