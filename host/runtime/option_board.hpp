// The option values plugins read through the host (option_value): built-in
// options and module arguments by name without dashes, as text. Set before
// the test starts; the web UI's start form may set module arguments again
// for the next test, as Locust updates parsed_options.
//
// Thread rules: set() on the control thread; read() from any thread. A
// value handed out stays valid until the process ends (the ABI promises
// it), so replaced values are kept, never freed.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::runtime {

class option_board {
 public:
  void set(const std::string& name, const std::vector<std::string>& values);
  // How many values `name` has (0: unset or unknown); stores value `index` in `*value` when there is one.
  std::uint32_t read(std::string_view name, std::uint32_t index, std::string_view* value) const;
  std::vector<std::string> values(std::string_view name) const;

 private:
  mutable std::shared_mutex lock_;
  std::map<std::string, std::vector<std::string_view>, std::less<>> current_;
  std::deque<std::string> kept_;  // every value ever set, at stable addresses
};

}  // namespace locustpp::runtime
