// locustpp command line: reading locust.conf-style config files.
//
// The format is configargparse's (what Locust uses):
//   # comment            ; comment            [section]   (ignored)
//   key = value          key: value           key value
//   key                  (bare key: "true", for flags)
//   tags = [a, b]        (lists: see split_list_text in value_text.hpp)
//   host = "http://x"    (one pair of surrounding quotes is removed)
//   users = 5  # note    (a '#' or ';' after a blank starts a comment)
// Keys are long option names without the dashes. This file only splits lines
// into key/value entries; whether a key exists is decided by the caller.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::cli {

struct config_entry {
  std::string key;
  std::string value;
  int line = 0;  // 1-based, for messages
};

struct config_file_contents {
  std::filesystem::path path;
  std::vector<config_entry> entries;  // in file order; a repeated key appears twice
};

// Parses `text`; `path` only names the file in messages. Throws config_error
// for a line without a key (e.g. "= 5"). Never echoes a value in a message:
// it might be a secret.
config_file_contents parse_config_text(std::string_view text, const std::filesystem::path& path);

// Reads and parses the file (a .toml file as pyproject.toml's [tool.locust]
// table). Throws config_error when it does not exist or cannot be read.
config_file_contents read_config_file(const std::filesystem::path& path);

}  // namespace locustpp::cli
