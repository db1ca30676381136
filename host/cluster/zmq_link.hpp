// The ZeroMQ socket of a master (ROUTER, bound) or a worker (DEALER,
// connected, its identity set to the node id), on a thread of its own so
// that the control thread never blocks on the network. ZeroMQ is kept out
// of this header.
//
// Thread rules: send() and reconnect() from any thread; the receive handler
// runs on the link's thread (post from it to the control thread). The
// destructor sends what is queued (up to the linger time) and joins.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace locustpp::cluster {

// A socket that cannot be bound or connected (the message names the endpoint).
struct link_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class zmq_link {
 public:
  // `peer`: the sender's identity (master side) or "" (worker side).
  // `payload` is the one frame of the message; empty when the sender used
  // another framing (then it cannot be a message of the protocol).
  using receive_handler = std::function<void(std::string peer, std::string payload)>;

  // Binds tcp://host:port ("*" = every interface; port 0 = any free port).
  static std::unique_ptr<zmq_link> bind_router(const std::string& host, int port, receive_handler on_receive);
  // Connects to tcp://host:port with `identity` as the routing id. ZeroMQ
  // retries the connection until the master is there.
  static std::unique_ptr<zmq_link> connect_dealer(const std::string& host, int port, const std::string& identity,
                                                  receive_handler on_receive);

  ~zmq_link();
  zmq_link(const zmq_link&) = delete;
  zmq_link& operator=(const zmq_link&) = delete;

  // Queues one frame for `peer` (ignored by a worker's link). Never blocks.
  void send(std::string peer, std::string payload);
  // A new socket with the same identity and endpoint (Locust's answer to `reconnect`).
  void reconnect();
  int port() const noexcept;  // the bound or connected port
  // How long the destructor waits for queued messages to leave.
  void set_linger(std::chrono::milliseconds linger);

  class impl;

 private:
  explicit zmq_link(std::unique_ptr<impl> state);
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::cluster
