// The Host names the web UI answers to (see host_allowlist.hpp).
#include "web/host_allowlist.hpp"

#include <boost/asio/ip/address.hpp>

#include "cli/config_error.hpp"

namespace locustpp::web {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_address(const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  return !ec;
}

bool is_loopback_address(const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::address address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

// localhost and its sub-names resolve to loopback in the browser itself, never through DNS.
bool is_loopback_name(const std::string& host) {
  return host == "localhost" || host.ends_with(".localhost") || is_loopback_address(host);
}

// Letters, digits, '-', '_' and '.' between labels: what a DNS name (or an IPv4 address) is written with.
bool is_host_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

bool matches(const std::string& pattern, const std::string& host) {
  if (pattern == "*") return true;
  if (pattern.starts_with("*.")) return host.size() > pattern.size() - 1 && host.ends_with(pattern.substr(1));
  return host == pattern;
}

}  // namespace

std::string host_of(std::string_view host_header) {
  std::string_view host = host_header;
  std::string_view port;
  if (host.starts_with('[')) {
    std::size_t close = host.find(']');
    if (close == std::string_view::npos) return "";
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!port.empty() && !port.starts_with(':')) return "";
    if (!port.empty()) port.remove_prefix(1);
  } else if (std::size_t colon = host.find(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  for (char c : port) {
    if (c < '0' || c > '9') return "";
  }
  return lower(host);
}

host_allowlist::host_allowlist(const std::string& bind_host, const std::vector<std::string>& patterns)
    : beyond_loopback_(!is_loopback_address(bind_host.empty() ? "0.0.0.0" : bind_host)) {
  for (const std::string& given : patterns) {
    std::string pattern = lower(given);
    const bool wildcard = pattern == "*" || (pattern.starts_with("*.") && is_host_name(pattern.substr(2)));
    if (!wildcard && !is_host_name(pattern) && !is_address(pattern)) {
      throw cli::config_error("--web-allowed-hosts: '" + given +
                              "' is not a host name (give names as the browser's address bar shows them, without "
                              "scheme or port: locust.example.com, *.svc.cluster.local, or * for any)");
    }
    patterns_.push_back(std::move(pattern));
  }
  any_name_ = beyond_loopback_ && patterns_.empty();
}

bool host_allowlist::allows(std::string_view host_header) const {
  const std::string host = host_of(host_header);
  if (host.empty()) return false;
  if (is_loopback_name(host) || any_name_) return true;
  if (beyond_loopback_ && is_address(host)) return true;
  for (const std::string& pattern : patterns_) {
    if (matches(pattern, host)) return true;
  }
  return false;
}

std::string host_allowlist::described() const {
  std::string text = "localhost, 127.x.x.x, [::1]";
  if (beyond_loopback_) text += ", any IP address";
  for (const std::string& pattern : patterns_) text += ", " + pattern;
  return text;
}

}  // namespace locustpp::web
