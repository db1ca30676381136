// locustpp command line: option values as collected, before conversion.
//
// Every source (config files, environment, command line) is first reduced to
// text keyed by option name; the winner per option is decided by the order
// of collection (later replaces earlier). Conversion into typed values and
// all value validation happen afterwards, in one place per option family.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace locustpp::cli {

struct raw_value {
  std::vector<std::string> texts;  // as given; list splitting happens on conversion
  // Where the value came from, for messages: "environment variable
  // LOCUST_USERS", "config file '/x/locust.conf', line 3". Empty = command line.
  std::string origin;
};

// By option name without dashes.
using raw_values = std::map<std::string, raw_value>;

}  // namespace locustpp::cli
