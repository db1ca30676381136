// Worker threads (see worker.hpp).
#include "runtime/worker.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/detail/concurrency_hint.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <mutex>
#include <optional>

#include "runtime/background_job.hpp"
#include "runtime/crash_report.hpp"
#include "runtime/simulated_user.hpp"

namespace locustpp::runtime {
namespace {
thread_local worker* current_worker = nullptr;
}

struct worker::loop {
  // Only this worker's thread runs the context and touches its sockets, so
  // the reactor's per-socket locking is dropped; other threads still post
  // jobs, so the scheduler keeps its lock.
  boost::asio::io_context io{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> keep_running{
      boost::asio::make_work_guard(io)};
};

worker::worker(std::size_t index, worker_owner& owner, event_bus& events, http::client_settings http_settings)
    : index_(index),
      owner_(owner),
      events_(events),
      http_settings_(std::move(http_settings)),
      loop_(std::make_unique<loop>()) {
  http_ = std::make_unique<http::client_context>(loop_->io, http_settings_);
}

worker::~worker() {
  if (thread_.joinable()) shut_down();
}

void worker::start() {
  thread_ = std::thread([this] {
    current_worker = this;
    plugin::publish_code_sites_to(&running_site_);
    crash_report_thread_guard crash_stack;  // a stack overflow in plugin code is reported too
    loop_->io.run();
    plugin::publish_code_sites_to(nullptr);
    current_worker = nullptr;
  });
}

void worker::post(std::function<void()> job) {
  boost::asio::post(loop_->io, std::move(job));
}

void worker::resume_soon(std::shared_ptr<simulated_user> user, std::uint64_t generation) {
  resumes_.emplace_back(std::move(user), generation);
  if (resume_posted_) return;
  resume_posted_ = true;
  boost::asio::post(loop_->io, [this] { run_resumes(); });
}

void worker::run_resumes() {
  resume_posted_ = false;
  // Users queued while these run wait for the next turn, after the I/O that is ready by then.
  resuming_.swap(resumes_);
  for (auto& [user, generation] : resuming_) user->resume(generation);
  resuming_.clear();
}

void worker::shut_down() {
  post([this] {
    for (auto& job : background_jobs_) job->abort();
    background_jobs_.clear();
    auto remaining = users_;
    for (auto& user : remaining) user->stop(true);
    loop_->keep_running.reset();
  });
  if (thread_.joinable()) thread_.join();
}

worker* worker::current() noexcept {
  return current_worker;
}

void worker::spawn(const plugin::user_class_model& user_class, std::size_t class_index, const http::url* base,
                   std::uint64_t task_runs) {
  post([this, &user_class, class_index, base, task_runs] {
    auto user = std::make_shared<simulated_user>(*this, user_class, class_index, base, next_user_id_++, task_runs);
    user->slot = users_.size();
    users_.push_back(user);
    user->begin();
  });
}

void worker::stop_users() {
  post([this] {
    auto snapshot = users_;  // stopping may end users synchronously
    for (auto& user : snapshot) user->stop(false);
  });
}

void worker::retire_users(std::size_t count, std::size_t class_index) {
  post([this, count, class_index] {
    std::size_t asked = 0;
    auto snapshot = users_;
    for (auto it = snapshot.rbegin(); it != snapshot.rend() && asked < count; ++it) {
      if ((*it)->stopping() || (class_index != any_class && (*it)->class_index() != class_index)) continue;
      (*it)->stop(false);
      ++asked;
    }
  });
}

void worker::kill_users() {
  post([this] {
    auto snapshot = users_;
    for (auto& user : snapshot) user->stop(true);
  });
}

void worker::start_background(const plugin::background_model& job) {
  post([this, &job] {
    auto started = std::make_shared<background_job>(*this, job);
    background_jobs_.push_back(started);
    started->begin();
  });
}

void worker::stop_background() {
  post([this] {
    for (auto& job : background_jobs_) job->abort();
    background_jobs_.clear();
  });
}

void worker::user_ended(simulated_user& user) {
  std::size_t slot = user.slot;
  std::size_t class_index = user.class_index();
  bool asked_to_stop = user.stopping();
  if (slot >= users_.size() || users_[slot].get() != &user) return;
  auto keep_alive = std::move(users_[slot]);  // pending handlers may still hold it too
  if (slot + 1 != users_.size()) {
    users_[slot] = std::move(users_.back());
    users_[slot]->slot = slot;
  }
  users_.pop_back();
  owner_.post_to_control([owner = &owner_, worker_index = index_, class_index, asked_to_stop] {
    owner->on_user_ended(worker_index, class_index, asked_to_stop);
  });
}

void worker::ping(std::uint64_t sequence) {
  post([this, sequence] { answered_ping_.store(sequence, std::memory_order_release); });
}

void worker::swap_stats(std::unique_ptr<stats::stats_shard>& spare) {
  std::lock_guard guard(shard_lock_);
  std::swap(shard_, spare);
}

void worker::record(const stats::request_sample& sample) {
  std::lock_guard guard(shard_lock_);
  shard_->record(sample);
}

void worker::record_exception(std::string_view message, std::string_view traceback) {
  std::lock_guard guard(shard_lock_);
  shard_->record_exception(message, traceback);
}

}  // namespace locustpp::runtime
