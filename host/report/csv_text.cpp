// CSV quoting: QUOTE_MINIMAL rules of Python's csv module.
#include "report/csv_text.hpp"

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

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (const char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) { append_row(out, fields); }

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) { append_row(out, fields); }

}  // namespace locustpp::report
