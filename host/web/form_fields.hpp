// application/x-www-form-urlencoded text (a POST body or a query string)
// as name/value pairs, in order, repeated names kept (user_classes=A&user_classes=B).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace locustpp::web {

class form_fields {
 public:
  explicit form_fields(std::string_view encoded);

  // The last value of `name`, or nullopt when absent.
  std::optional<std::string> last(std::string_view name) const;
  std::vector<std::string> all(std::string_view name) const;  // every value, in order
  const std::vector<std::pair<std::string, std::string>>& pairs() const noexcept { return pairs_; }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

}  // namespace locustpp::web
