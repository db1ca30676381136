// zmq_link (see zmq_link.hpp): one poll loop per socket. Sends are queued
// under a lock and written by the loop, which wakes every few milliseconds:
// a ZeroMQ socket must only be used from one thread.
#include "cluster/zmq_link.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>
#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace locustpp::cluster {
namespace {

constexpr std::chrono::milliseconds poll_interval{5};

std::string tcp_endpoint(const std::string& host, int port) {
  std::string address = host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
  return fmt::format("tcp://{}:{}", address, port == 0 ? std::string("*") : std::to_string(port));
}

}  // namespace

class zmq_link::impl {
 public:
  impl(zmq::socket_type type, std::string endpoint, std::string identity, receive_handler on_receive)
      : type_(type),
        endpoint_(std::move(endpoint)),
        identity_(std::move(identity)),
        on_receive_(std::move(on_receive)) {
    open();
    thread_ = std::thread([this] { loop(); });
  }

  ~impl() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }

  void send(std::string peer, std::string payload) {
    std::lock_guard guard(lock_);
    outbox_.emplace_back(std::move(peer), std::move(payload));
  }
  void reconnect() { reconnect_wanted_ = true; }
  int port() const noexcept { return port_; }
  void set_linger(std::chrono::milliseconds linger) { linger_ = linger; }

 private:
  void open() {
    socket_ = zmq::socket_t(context_, type_);
    socket_.set(zmq::sockopt::tcp_keepalive, 1);
    socket_.set(zmq::sockopt::tcp_keepalive_idle, 30);
    socket_.set(zmq::sockopt::linger, 0);
    if (endpoint_.find('[') != std::string::npos) socket_.set(zmq::sockopt::ipv6, 1);
    try {
      if (type_ == zmq::socket_type::router) {
        // A worker that reconnects (after `reconnect`) takes its identity
        // over at once, instead of being refused until the old pipe is gone.
        socket_.set(zmq::sockopt::router_handover, 1);
        socket_.bind(endpoint_);
      } else {
        socket_.set(zmq::sockopt::routing_id, identity_);
        socket_.connect(endpoint_);
      }
    } catch (const zmq::error_t& error) {
      throw link_error(fmt::format("{} {}: {}",
                                   type_ == zmq::socket_type::router ? "cannot listen on" : "cannot connect to",
                                   endpoint_, error.what()));
    }
    std::string last = socket_.get(zmq::sockopt::last_endpoint);
    if (std::size_t colon = last.rfind(':'); colon != std::string::npos) port_ = std::atoi(last.c_str() + colon + 1);
  }

  void loop() {
    while (!stopping_) {
      if (reconnect_wanted_.exchange(false)) {
        spdlog::info("Reconnecting to the master at {}", endpoint_);
        socket_.close();
        try {
          open();
        } catch (const link_error& error) {
          spdlog::error("{}", error.what());
          reconnect_wanted_ = true;  // again on the next turn
          std::this_thread::sleep_for(std::chrono::seconds(1));
          continue;
        }
      }
      write_outbox();
      zmq::pollitem_t item{socket_.handle(), 0, ZMQ_POLLIN, 0};
      zmq::poll(&item, 1, poll_interval);
      if ((item.revents & ZMQ_POLLIN) != 0) read_available();
    }
    // Closing: what is queued still goes, within the linger time.
    write_outbox();
    socket_.set(zmq::sockopt::linger, static_cast<int>(linger_.count()));
    socket_.close();
  }

  void write_outbox() {
    std::deque<std::pair<std::string, std::string>> sending;
    {
      std::lock_guard guard(lock_);
      sending.swap(outbox_);
    }
    for (auto& [peer, payload] : sending) {
      try {
        if (type_ == zmq::socket_type::router) {
          socket_.send(zmq::buffer(peer), zmq::send_flags::sndmore | zmq::send_flags::dontwait);
        }
        if (!socket_.send(zmq::buffer(payload), zmq::send_flags::dontwait)) {
          spdlog::warn("A message to {} was dropped: its queue is full", peer.empty() ? "the master" : peer);
        }
      } catch (const zmq::error_t& error) {
        spdlog::warn("A message to {} was dropped: {}", peer.empty() ? "the master" : peer, error.what());
      }
    }
  }

  void read_available() {
    for (;;) {
      std::vector<zmq::message_t> frames;
      try {
        if (!zmq::recv_multipart(socket_, std::back_inserter(frames), zmq::recv_flags::dontwait)) return;
      } catch (const zmq::error_t& error) {
        spdlog::warn("Receiving from {} failed: {}", endpoint_, error.what());
        return;
      }
      std::string peer;
      std::size_t payload_frames = frames.size();
      if (type_ == zmq::socket_type::router && !frames.empty()) {
        peer = frames.front().to_string();
        --payload_frames;
      }
      // The protocol has exactly one payload frame; anything else reads as garbled.
      std::string payload = payload_frames == 1 ? frames.back().to_string() : std::string();
      on_receive_(std::move(peer), std::move(payload));
    }
  }

  zmq::context_t context_{1};
  zmq::socket_t socket_;
  zmq::socket_type type_;
  std::string endpoint_;
  std::string identity_;
  receive_handler on_receive_;
  std::mutex lock_;
  std::deque<std::pair<std::string, std::string>> outbox_;  // (peer, payload), guarded by lock_
  std::atomic<bool> stopping_{false};
  std::atomic<bool> reconnect_wanted_{false};
  std::atomic<int> port_{0};
  std::chrono::milliseconds linger_{2000};
  std::thread thread_;
};

std::unique_ptr<zmq_link> zmq_link::bind_router(const std::string& host, int port, receive_handler on_receive) {
  std::string bind_host = host.empty() ? std::string("*") : host;
  return std::unique_ptr<zmq_link>(new zmq_link(
      std::make_unique<impl>(zmq::socket_type::router, tcp_endpoint(bind_host, port), "", std::move(on_receive))));
}

std::unique_ptr<zmq_link> zmq_link::connect_dealer(const std::string& host, int port, const std::string& identity,
                                                   receive_handler on_receive) {
  return std::unique_ptr<zmq_link>(new zmq_link(
      std::make_unique<impl>(zmq::socket_type::dealer, tcp_endpoint(host, port), identity, std::move(on_receive))));
}

zmq_link::zmq_link(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
zmq_link::~zmq_link() = default;

void zmq_link::send(std::string peer, std::string payload) {
  impl_->send(std::move(peer), std::move(payload));
}
void zmq_link::reconnect() {
  impl_->reconnect();
}
int zmq_link::port() const noexcept {
  return impl_->port();
}
void zmq_link::set_linger(std::chrono::milliseconds linger) {
  impl_->set_linger(linger);
}

}  // namespace locustpp::cluster
