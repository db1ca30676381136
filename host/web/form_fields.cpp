// Form decoding (see form_fields.hpp).
#include "web/form_fields.hpp"

namespace locustpp::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string decode_form_component(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

form_fields::form_fields(std::string_view encoded) {
  while (!encoded.empty()) {
    std::size_t amp = encoded.find('&');
    std::string_view field = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
    if (field.empty()) continue;
    std::size_t equals = field.find('=');
    std::string_view name = field.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? std::string_view{} : field.substr(equals + 1);
    pairs_.emplace_back(decode_form_component(name), decode_form_component(value));
  }
}

std::optional<std::string> form_fields::last(std::string_view name) const {
  std::optional<std::string> found;
  for (const auto& [field, value] : pairs_) {
    if (field == name) found = value;
  }
  return found;
}

std::vector<std::string> form_fields::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [field, value] : pairs_) {
    if (field == name) values.push_back(value);
  }
  return values;
}

}  // namespace locustpp::web
