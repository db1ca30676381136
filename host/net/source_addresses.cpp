// source_addresses: parsing address lists and ranges, and test-binding each address.
#include "net/source_addresses.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace locustpp::net {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool parse_ipv4(std::string_view text, std::uint32_t& host_order) {
  in_addr parsed{};
  if (inet_pton(AF_INET, std::string(text).c_str(), &parsed) != 1) return false;
  host_order = ntohl(parsed.s_addr);
  return true;
}

std::string ipv4_text(std::uint32_t host_order) {
  in_addr address{};
  address.s_addr = htonl(host_order);
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &address, text, sizeof(text));
  return text;
}

std::string canonical_ipv6(std::string_view text) {
  in6_addr parsed{};
  if (inet_pton(AF_INET6, std::string(text).c_str(), &parsed) != 1) return {};
  char canonical[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, &parsed, canonical, sizeof(canonical));
  return canonical;
}

[[noreturn]] void refuse(std::string_view part, std::string_view why) {
  throw std::invalid_argument("--source-addresses: '" + std::string(part) + "' " + std::string(why));
}

void add_part(std::string_view part, std::vector<std::string>& out) {
  if (const std::size_t dash = part.find('-'); dash != std::string_view::npos) {
    std::uint32_t first = 0, last = 0;
    if (!parse_ipv4(trimmed(part.substr(0, dash)), first) || !parse_ipv4(trimmed(part.substr(dash + 1)), last)) {
      refuse(part, "is not a range of IPv4 addresses (like 127.0.0.2-127.0.0.9)");
    }
    if (last < first) refuse(part, "is a range that ends before it starts");
    if (last - first >= max_source_addresses || out.size() + (last - first) >= max_source_addresses) {
      refuse(part, "makes more than 65536 addresses");
    }
    for (std::uint64_t address = first; address <= last; ++address) {
      out.push_back(ipv4_text(static_cast<std::uint32_t>(address)));
    }
    return;
  }
  std::uint32_t ipv4 = 0;
  if (parse_ipv4(part, ipv4)) {
    out.push_back(ipv4_text(ipv4));
  } else if (std::string ipv6 = canonical_ipv6(part); !ipv6.empty()) {
    out.push_back(std::move(ipv6));
  } else {
    refuse(part, "is not an IP address");
  }
  if (out.size() > max_source_addresses) refuse(part, "makes more than 65536 addresses");
}

}  // namespace

std::vector<std::string> parse_source_addresses(std::string_view list) {
  std::vector<std::string> addresses;
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view part = trimmed(list.substr(0, comma));
    if (part.empty()) {
      throw std::invalid_argument("--source-addresses: an empty entry (give addresses or ranges separated by commas)");
    }
    add_part(part, addresses);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return addresses;
}

std::string bind_problem(const std::string& address) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  auto* ipv4 = reinterpret_cast<sockaddr_in*>(&storage);
  auto* ipv6 = reinterpret_cast<sockaddr_in6*>(&storage);
  if (inet_pton(AF_INET, address.c_str(), &ipv4->sin_addr) == 1) {
    ipv4->sin_family = AF_INET;
    length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, address.c_str(), &ipv6->sin6_addr) == 1) {
    ipv6->sin6_family = AF_INET6;
    length = sizeof(sockaddr_in6);
  } else {
    return "not an IP address";
  }
  const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::strerror(errno);
    // Port 0 with IP_BIND_ADDRESS_NO_PORT: the check takes no port.
#ifdef IP_BIND_ADDRESS_NO_PORT
  const int one = 1;
  ::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof(one));
#endif
  std::string problem;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&storage), length) != 0) problem = std::strerror(errno);
  ::close(fd);
  return problem;
}

}  // namespace locustpp::net
