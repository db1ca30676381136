// The page at "/": a plain HTML page (no build step, no network) that
// starts, edits, stops and resets a test and shows the statistics table,
// refreshed every 2 s, through the same REST API as any other client.
#pragma once

#include <cstdint>
#include <string>

namespace locustpp::web {

// What the start form shows first (Locust's template_args).
struct page_defaults {
  std::string base_path;  // --web-base-path, normalised ("" or "/locust"), for the API URLs
  std::string host;       // the current host
  std::uint64_t users = 1;
  double spawn_rate = 1;
};

std::string index_page(const page_defaults& defaults);

}  // namespace locustpp::web
