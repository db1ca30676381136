// The ZeroMQ socket of a master (ROUTER, bound) or a worker (DEALER,
// connected, its identity set to the node id), on a thread of its own so
// that the control thread never blocks on the network. ZeroMQ is kept out
// of this header.
//
// What peers send waits in a bounded inbox (inbox.hpp) until the control
// thread takes it; a frame larger than largest_message_bytes ends its
// peer's connection before it is read. ZeroMQ heartbeats notice dead
// connections, and a routing id that is in use is not handed over to a
// second connection: a peer that copies a live worker's id is not heard.
//
// Thread rules: send(), reconnect() and send_every() from any thread; the
// wake handler runs on the link's thread (post from it to the control
// thread, then take from received() there). The destructor sends what is
// queued (up to the linger time) and joins.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "cluster/curve_keys.hpp"
#include "cluster/inbox.hpp"

namespace locustpp::cluster {

// A socket that cannot be bound or connected (the message names the endpoint).
struct link_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class zmq_link {
 public:
  // Called on the link's thread when messages start waiting in the inbox.
  using wake_handler = std::function<void()>;

  // Binds tcp://host:port ("*" = every interface; port 0 = any free port).
  // Peers are strangers until admitted (received().admit). With `key`, the
  // link is CURVE: encrypted, and only nodes holding the key get in.
  static std::unique_ptr<zmq_link> bind_router(const std::string& host, int port, wake_handler wake,
                                               std::optional<curve_key_pair> key = {});
  // Connects to tcp://host:port with `identity` as the routing id. ZeroMQ
  // retries the connection until the master is there. The master (peer "")
  // is admitted. With `key`, the link is CURVE (the master must hold the key).
  static std::unique_ptr<zmq_link> connect_dealer(const std::string& host, int port, const std::string& identity,
                                                  wake_handler wake, std::optional<curve_key_pair> key = {});

  ~zmq_link();
  zmq_link(const zmq_link&) = delete;
  zmq_link& operator=(const zmq_link&) = delete;

  // Queues one frame for `peer` (ignored by a worker's link). Never blocks.
  void send(std::string peer, std::string payload);
  // Sends make() every `interval`, from the link's thread (a worker's
  // heartbeat, which so never waits behind the control thread); an empty
  // function stops it. make() must be safe to call on that thread.
  void send_every(std::chrono::milliseconds interval, std::function<std::string()> make);
  // A new socket with the same identity and endpoint (Locust's answer to `reconnect`).
  void reconnect();
  // What peers sent, waiting for the control thread (payload: the one frame
  // of a message; empty when the sender used another framing).
  inbox& received() noexcept;
  int port() const noexcept;  // the bound or connected port
  // How long the destructor waits for queued messages to leave.
  void set_linger(std::chrono::milliseconds linger);

  class impl;

 private:
  explicit zmq_link(std::unique_ptr<impl> state);
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::cluster
