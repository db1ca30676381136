// parsed_response: looking fields up, and joining folded lines.
#include "http/parsed_response.hpp"

#include "http/ascii.hpp"

namespace locustpp::http {

std::optional<std::string_view> parsed_response::header(std::string_view name) const {
  for (std::size_t index = 0; index < fields_.size(); ++index) {
    if (equal_ignoring_case(header_name(index), name)) return header_value(index);
  }
  return std::nullopt;
}

void parsed_response::extend_last_value(std::string_view more) {
  if (fields_.empty()) return;
  // The joined value is not contiguous in the block: it is built after it.
  field_span& last = fields_.back();
  const std::string joined = std::string(header_value(fields_.size() - 1)) + ' ' + std::string(more);
  last.value_at = static_cast<std::uint32_t>(header_bytes_.size());
  last.value_size = static_cast<std::uint32_t>(joined.size());
  header_bytes_ += joined;
}

}  // namespace locustpp::http
