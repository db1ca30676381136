// Which plugin code a thread is running: the module and a label such as
// "Shopper.browse" or "test_start listener". Every host call into plugin
// code is wrapped in a code_site_guard, so that
//  - the watchdog can name a task that does not yield (another thread
//    reads the site through the thread's published pointer), and
//  - a crash inside plugin code names its module and task (the signal
//    handler reads the crashing thread's own site).
// Sites are owned by the catalog or the test plan and outlive every run.
#pragma once

#include <atomic>
#include <string>

namespace locustpp::plugin {

struct code_site {
  std::string module;  // module id
  std::string label;   // what runs: "Class.task", "Class.on_stop", "test_start listener", ...
};

// The site the calling thread is in, or null (host code). Lock-free and
// async-signal-safe to read.
const code_site* current_code_site() noexcept;

// Publishes the calling thread's site changes to `observer` too (read by
// other threads); null stops publishing. Set once per thread.
void publish_code_sites_to(std::atomic<const code_site*>* observer) noexcept;

// Enters `site` for the guard's lifetime (nesting restores the outer site).
class code_site_guard {
 public:
  explicit code_site_guard(const code_site& site) noexcept : code_site_guard(&site) {}
  explicit code_site_guard(const code_site* site) noexcept;  // null: host code
  ~code_site_guard();
  code_site_guard(const code_site_guard&) = delete;
  code_site_guard& operator=(const code_site_guard&) = delete;

 private:
  const code_site* outer_;
};

}  // namespace locustpp::plugin
