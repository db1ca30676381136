// The ZAP handler (see zap_handler.hpp).
#include "cluster/zap_handler.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>
#include <zmq_addon.hpp>

namespace locustpp::cluster {
namespace {

// ZAP's request frames: version, request id, domain, address, routing id,
// mechanism, then the mechanism's credentials (CURVE: the client's public key).
constexpr std::size_t request_frames = 7;

}  // namespace

zap_handler::zap_handler(zmq::context_t& context, const std::string& allowed_public_key)
    : socket_(context, zmq::socket_type::rep) {
  std::array<std::uint8_t, 32> key{};
  zmq_z85_decode(key.data(), allowed_public_key.c_str());
  allowed_key_.assign(reinterpret_cast<const char*>(key.data()), key.size());
  socket_.set(zmq::sockopt::linger, 0);
  socket_.bind("inproc://zeromq.zap.01");
}

void zap_handler::answer_requests() {
  for (;;) {
    std::vector<zmq::message_t> request;
    if (!zmq::recv_multipart(socket_, std::back_inserter(request), zmq::recv_flags::dontwait)) return;
    if (request.size() < 2) continue;  // no request id to answer to: ZeroMQ itself never sends that
    bool admitted = request.size() >= request_frames && request[5].to_string_view() == "CURVE" &&
                    request[6].to_string_view() == allowed_key_;
    if (!admitted) {
      std::string address = request.size() > 3 ? request[3].to_string() : "";
      refusals_logged_.warn("zap:" + address, fmt::format("Refused a node at {}: it does not hold the cluster key",
                                                          address.empty() ? "an unknown address" : address));
    }
    std::array<zmq::const_buffer, 6> reply{zmq::str_buffer("1.0"),
                                           zmq::buffer(request[1].data(), request[1].size()),
                                           admitted ? zmq::str_buffer("200") : zmq::str_buffer("400"),
                                           admitted ? zmq::str_buffer("OK") : zmq::str_buffer("not a cluster key"),
                                           zmq::str_buffer(""),
                                           zmq::str_buffer("")};
    zmq::send_multipart(socket_, reply, zmq::send_flags::dontwait);
  }
}

}  // namespace locustpp::cluster
