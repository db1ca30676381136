// One HTTP response as the parser leaves it: status, header fields, body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::http {

// The header block is copied once and the fields are spans of the copy, so a
// steady stream of similar responses allocates nothing and copies each header
// byte once. Thread rules: one owner (the session).
class parsed_response {
 public:
  int status = 0;
  std::string body;
  bool keep_alive = false;
  bool has_set_cookie = false;  // some field is Set-Cookie (spares the session a search)

  void clear() noexcept {
    status = 0;
    body.clear();
    keep_alive = false;
    clear_headers();
  }

  std::size_t header_count() const noexcept { return fields_.size(); }
  std::string_view header_name(std::size_t index) const noexcept {
    return {header_bytes_.data() + fields_[index].name_at, fields_[index].name_size};
  }
  std::string_view header_value(std::size_t index) const noexcept {
    return {header_bytes_.data() + fields_[index].value_at, fields_[index].value_size};
  }
  // The first field called `name` (ASCII case-insensitive), as Python's headers.get().
  std::optional<std::string_view> header(std::string_view name) const;

  // ---- for the parser ----
  void clear_headers() noexcept {
    header_bytes_.clear();
    fields_.clear();
    has_set_cookie = false;
  }
  // Copies the raw header block (all field lines); fields are then added as
  // offsets into header_block().
  void set_header_block(std::string_view block) {
    clear_headers();
    header_bytes_.assign(block);
  }
  std::string_view header_block() const noexcept { return header_bytes_; }
  void add_field(std::size_t name_at, std::size_t name_size, std::size_t value_at, std::size_t value_size) {
    fields_.push_back({static_cast<std::uint32_t>(name_at), static_cast<std::uint32_t>(name_size),
                       static_cast<std::uint32_t>(value_at), static_cast<std::uint32_t>(value_size)});
  }
  // A folded line: the last value becomes "value more" (no-op without fields).
  void extend_last_value(std::string_view more);

 private:
  struct field_span {
    std::uint32_t name_at, name_size, value_at, value_size;  // into header_bytes_
  };
  std::string header_bytes_;  // the header block, then any values joined from folded lines
  std::vector<field_span> fields_;
};

}  // namespace locustpp::http
