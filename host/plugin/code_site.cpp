// Per-thread current plugin code (see code_site.hpp).
#include "plugin/code_site.hpp"

namespace locustpp::plugin {
namespace {

// Plain pointers in initial-exec TLS: readable from a signal handler.
thread_local const code_site* current_site = nullptr;
thread_local std::atomic<const code_site*>* site_observer = nullptr;

void enter(const code_site* site) noexcept {
  current_site = site;
  if (site_observer != nullptr) site_observer->store(site, std::memory_order_relaxed);
}

}  // namespace

const code_site* current_code_site() noexcept {
  return current_site;
}

void publish_code_sites_to(std::atomic<const code_site*>* observer) noexcept {
  site_observer = observer;
}

code_site_guard::code_site_guard(const code_site* site) noexcept : outer_(current_site) {
  enter(site);
}

code_site_guard::~code_site_guard() {
  enter(outer_);
}

}  // namespace locustpp::plugin
