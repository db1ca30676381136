// zmq_link (see zmq_link.hpp): one poll loop per socket. Sends are queued
// under a lock and written by the loop, which wakes every few milliseconds:
// a ZeroMQ socket must only be used from one thread.
#include "cluster/zmq_link.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "cluster/message_limits.hpp"
#include "cluster/zap_handler.hpp"

namespace locustpp::cluster {
namespace {

constexpr std::chrono::milliseconds poll_interval{5};
// ZeroMQ's own heartbeats: a connection silent this long is dead, so that a
// worker's new connection can take its routing id over from the old one.
constexpr int zmq_heartbeat_interval_ms = 1000;
constexpr int zmq_heartbeat_timeout_ms = 4000;
// At most this many messages are read per turn of the loop, so that a flood
// never holds off what is to be sent.
constexpr int reads_per_turn = 1000;
// Between closing a worker's socket and opening the new one: the master
// must see the old connection end first, since it does not hand a routing
// id in use over to a second connection.
constexpr std::chrono::milliseconds reconnect_pause{300};

std::string tcp_endpoint(const std::string& host, int port) {
  std::string address = host.find(':') != std::string::npos && host.front() != '[' ? "[" + host + "]" : host;
  return fmt::format("tcp://{}:{}", address, port == 0 ? std::string("*") : std::to_string(port));
}

}  // namespace

class zmq_link::impl {
 public:
  impl(zmq::socket_type type, std::string endpoint, std::string identity, wake_handler wake,
       std::optional<curve_key_pair> key)
      : key_(std::move(key)),
        type_(type),
        endpoint_(std::move(endpoint)),
        identity_(std::move(identity)),
        wake_(std::move(wake)) {
    if (type_ == zmq::socket_type::dealer) inbox_.admit("");  // the master
    if (key_ && type_ == zmq::socket_type::router) zap_.emplace(context_, key_->public_key);
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
  void send_every(std::chrono::milliseconds interval, std::function<std::string()> make) {
    std::lock_guard guard(lock_);
    periodic_interval_ = interval;
    periodic_ = std::move(make);
    next_periodic_ = std::chrono::steady_clock::now() + interval;
  }
  void reconnect() { reconnect_wanted_ = true; }
  inbox& received() noexcept { return inbox_; }
  int port() const noexcept { return port_; }
  void set_linger(std::chrono::milliseconds linger) { linger_ = linger; }

 private:
  void open() {
    socket_ = zmq::socket_t(context_, type_);
    socket_.set(zmq::sockopt::tcp_keepalive, 1);
    socket_.set(zmq::sockopt::tcp_keepalive_idle, 30);
    socket_.set(zmq::sockopt::linger, 0);
    socket_.set(zmq::sockopt::maxmsgsize, static_cast<int64_t>(largest_message_bytes));
    socket_.set(zmq::sockopt::heartbeat_ivl, zmq_heartbeat_interval_ms);
    socket_.set(zmq::sockopt::heartbeat_timeout, zmq_heartbeat_timeout_ms);
    socket_.set(zmq::sockopt::heartbeat_ttl, zmq_heartbeat_timeout_ms);
    if (endpoint_.find('[') != std::string::npos) socket_.set(zmq::sockopt::ipv6, 1);
    if (key_ && type_ == zmq::socket_type::router) {
      socket_.set(zmq::sockopt::curve_server, 1);
      socket_.set(zmq::sockopt::curve_secretkey, key_->secret_key);
      socket_.set(zmq::sockopt::zap_domain, "locustpp");
    } else if (key_) {
      socket_.set(zmq::sockopt::curve_serverkey, key_->public_key);
      socket_.set(zmq::sockopt::curve_publickey, key_->public_key);
      socket_.set(zmq::sockopt::curve_secretkey, key_->secret_key);
    }
    try {
      if (type_ == zmq::socket_type::router) {
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
        std::this_thread::sleep_for(reconnect_pause);
        try {
          open();
        } catch (const link_error& error) {
          spdlog::error("{}", error.what());
          reconnect_wanted_ = true;  // again on the next turn
          std::this_thread::sleep_for(std::chrono::seconds(1));
          continue;
        }
      }
      send_periodic();
      write_outbox();
      std::array<zmq::pollitem_t, 2> items{zmq::pollitem_t{socket_.handle(), 0, ZMQ_POLLIN, 0}};
      if (zap_) items[1] = zap_->poll_item();
      zmq::poll(items.data(), zap_ ? 2 : 1, poll_interval);
      if (zap_ && (items[1].revents & ZMQ_POLLIN) != 0) zap_->answer_requests();
      if ((items[0].revents & ZMQ_POLLIN) != 0) read_available();
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

  void send_periodic() {
    std::function<std::string()> make;
    {
      std::lock_guard guard(lock_);
      auto now = std::chrono::steady_clock::now();
      if (!periodic_ || now < next_periodic_) return;
      next_periodic_ = now + periodic_interval_;
      make = periodic_;
    }
    std::string payload = make();
    std::lock_guard guard(lock_);
    outbox_.emplace_back("", std::move(payload));
  }

  void read_available() {
    for (int read = 0; read < reads_per_turn; ++read) {
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
      if (inbox_.offer(std::move(peer), std::move(payload)) == inbox::offered::queued_wake_up) wake_();
    }
  }

  zmq::context_t context_{1};
  std::optional<curve_key_pair> key_;  // set: CURVE, and (master) only this key's holders admitted
  std::optional<zap_handler> zap_;     // the master's, with a key
  zmq::socket_t socket_;
  zmq::socket_type type_;
  std::string endpoint_;
  std::string identity_;
  wake_handler wake_;
  inbox inbox_;
  std::mutex lock_;
  std::deque<std::pair<std::string, std::string>> outbox_;  // (peer, payload), guarded by lock_
  std::function<std::string()> periodic_;                   // guarded by lock_
  std::chrono::milliseconds periodic_interval_{0};          // guarded by lock_
  std::chrono::steady_clock::time_point next_periodic_;     // guarded by lock_
  std::atomic<bool> stopping_{false};
  std::atomic<bool> reconnect_wanted_{false};
  std::atomic<int> port_{0};
  std::chrono::milliseconds linger_{2000};
  std::thread thread_;
};

std::unique_ptr<zmq_link> zmq_link::bind_router(const std::string& host, int port, wake_handler wake,
                                                std::optional<curve_key_pair> key) {
  std::string bind_host = host.empty() ? std::string("*") : host;
  return std::unique_ptr<zmq_link>(new zmq_link(std::make_unique<impl>(
      zmq::socket_type::router, tcp_endpoint(bind_host, port), "", std::move(wake), std::move(key))));
}

std::unique_ptr<zmq_link> zmq_link::connect_dealer(const std::string& host, int port, const std::string& identity,
                                                   wake_handler wake, std::optional<curve_key_pair> key) {
  return std::unique_ptr<zmq_link>(new zmq_link(std::make_unique<impl>(
      zmq::socket_type::dealer, tcp_endpoint(host, port), identity, std::move(wake), std::move(key))));
}

zmq_link::zmq_link(std::unique_ptr<impl> state) : impl_(std::move(state)) {}
zmq_link::~zmq_link() = default;

void zmq_link::send(std::string peer, std::string payload) {
  impl_->send(std::move(peer), std::move(payload));
}
void zmq_link::send_every(std::chrono::milliseconds interval, std::function<std::string()> make) {
  impl_->send_every(interval, std::move(make));
}
void zmq_link::reconnect() {
  impl_->reconnect();
}
inbox& zmq_link::received() noexcept {
  return impl_->received();
}
int zmq_link::port() const noexcept {
  return impl_->port();
}
void zmq_link::set_linger(std::chrono::milliseconds linger) {
  impl_->set_linger(linger);
}

}  // namespace locustpp::cluster
