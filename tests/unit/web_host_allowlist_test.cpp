// host_allowlist: the Host names the web UI answers to, on loopback and
// beyond it, with and without --web-allowed-hosts.
#include "web/host_allowlist.hpp"

#include <gtest/gtest.h>

#include "cli/config_error.hpp"

namespace locustpp::web {
namespace {

TEST(HostAllowlist, HostOfDropsThePortAndTheBracketsAndLowersTheCase) {
  EXPECT_EQ(host_of("Example.COM:8089"), "example.com");
  EXPECT_EQ(host_of("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(host_of("[::1]:8089"), "::1");
  EXPECT_EQ(host_of("[::1]"), "::1");
  EXPECT_EQ(host_of("[::1"), "") << "malformed";
  EXPECT_EQ(host_of("localhost:http"), "") << "a port is digits";
  EXPECT_EQ(host_of("[::1]x"), "");
}

TEST(HostAllowlist, OnLoopbackOnlyLoopbackNamesAndAddressesAreServed) {
  host_allowlist hosts("127.0.0.1", {});
  for (const char* served : {"localhost", "localhost:8089", "LOCALHOST:1", "ui.localhost:8089", "127.0.0.1:8089",
                             "127.1.2.3", "[::1]:8089"}) {
    EXPECT_TRUE(hosts.allows(served)) << served;
  }
  for (const char* refused : {"attacker.example", "attacker.example:8089", "localhost.attacker.example",
                              "10.0.0.1:8089", "0.0.0.0:8089", "", "127.0.0.1.nip.io", "localhost."}) {
    EXPECT_FALSE(hosts.allows(refused)) << refused;
  }
  EXPECT_FALSE(hosts.allows_any_name());
  EXPECT_EQ(hosts.described(), "localhost, 127.x.x.x, [::1]");
}

TEST(HostAllowlist, BeyondLoopbackWithoutTheOptionEveryNameIsServed) {
  for (const char* bind : {"0.0.0.0", "", "10.1.2.3", "::"}) {
    host_allowlist hosts(bind, {});
    EXPECT_TRUE(hosts.allows_any_name()) << bind;
    EXPECT_TRUE(hosts.allows("anything.example:8089")) << bind;
  }
}

TEST(HostAllowlist, BeyondLoopbackTheListedNamesWildcardsAndAddressesAreServed) {
  host_allowlist hosts("0.0.0.0", {"Locust.Example.com", "*.svc.cluster.local"});
  EXPECT_FALSE(hosts.allows_any_name());
  for (const char* served : {"locust.example.com", "locust.example.com:443", "locust.ns.svc.cluster.local:8089",
                             "a.b.svc.cluster.local", "localhost:8089", "10.0.0.7:8089", "[fd00::7]:8089"}) {
    EXPECT_TRUE(hosts.allows(served)) << served;
  }
  for (const char* refused : {"example.com", "other.example.com", "svc.cluster.local", "evilsvc.cluster.local",
                              "locust.example.com.attacker.example"}) {
    EXPECT_FALSE(hosts.allows(refused)) << refused;
  }
  EXPECT_EQ(hosts.described(), "localhost, 127.x.x.x, [::1], any IP address, locust.example.com, *.svc.cluster.local");
  EXPECT_TRUE(host_allowlist("0.0.0.0", {"*"}).allows("whatever.example"));
}

TEST(HostAllowlist, OnLoopbackAListStillAddsItsNamesButNoOtherAddresses) {
  host_allowlist hosts("127.0.0.1", {"locust.internal"});
  EXPECT_TRUE(hosts.allows("locust.internal:8089")) << "a proxy on this machine passing its Host on";
  EXPECT_FALSE(hosts.allows("10.0.0.7:8089"));
}

TEST(HostAllowlist, APatternThatIsNoHostNameIsRefusedWithAClearMessage) {
  for (const char* bad : {"http://locust.example.com", "locust.example.com:8089", "a*b.example", "*example.com",
                          "locust.example.com/", "", "*.", "two words"}) {
    try {
      host_allowlist hosts("0.0.0.0", {bad});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const cli::config_error& error) {
      EXPECT_EQ(std::string(error.what()),
                std::string("--web-allowed-hosts: '") + bad +
                    "' is not a host name (give names as the browser's address bar shows them, without scheme or "
                    "port: locust.example.com, *.svc.cluster.local, or * for any)");
    }
  }
}

}  // namespace
}  // namespace locustpp::web
