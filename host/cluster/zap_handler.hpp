// ZeroMQ's authentication hook (ZAP, rfc.zeromq.org/spec/27) for a master's
// CURVE socket: CURVE alone encrypts and lets any client key in; this
// handler admits only clients whose key is the cluster's. It answers on the
// socket's own thread, polled beside the socket (so it must exist before the
// socket binds, in the same ZeroMQ context).
#pragma once

#include <string>
#include <zmq.hpp>

#include "runtime/log_limiter.hpp"

namespace locustpp::cluster {

class zap_handler {
 public:
  // `allowed_public_key`: Z85.
  zap_handler(zmq::context_t& context, const std::string& allowed_public_key);

  zmq::pollitem_t poll_item() { return {socket_.handle(), 0, ZMQ_POLLIN, 0}; }
  // Answers every request waiting (call when poll_item() is readable).
  void answer_requests();

 private:
  zmq::socket_t socket_;
  std::string allowed_key_;  // 32 raw bytes
  runtime::log_limiter refusals_logged_;
};

}  // namespace locustpp::cluster
