// Form decoding (see form_fields.hpp).
#include "web/form_fields.hpp"

#include "http/url.hpp"

namespace locustpp::web {
form_fields::form_fields(std::string_view encoded) {
  while (!encoded.empty()) {
    std::size_t amp = encoded.find('&');
    std::string_view field = encoded.substr(0, amp);
    encoded = amp == std::string_view::npos ? std::string_view{} : encoded.substr(amp + 1);
    if (field.empty()) continue;
    std::size_t equals = field.find('=');
    std::string_view name = field.substr(0, equals);
    std::string_view value = equals == std::string_view::npos ? std::string_view{} : field.substr(equals + 1);
    pairs_.emplace_back(http::form_decoded(name), http::form_decoded(value));
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
