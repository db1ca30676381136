// The output writer's thread (see output_writer.hpp).
#include "report/output_writer.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace locustpp::report {
namespace {

using std::chrono::milliseconds;

// Out of descriptors, a file is tried again after this, doubling up to a second.
constexpr milliseconds first_retry{50};
constexpr milliseconds longest_retry{1000};
// How long the destructor waits for what is still to be written.
constexpr milliseconds final_wait{5000};

bool out_of_descriptors(int error_number) {
  return error_number == EMFILE || error_number == ENFILE;
}

// Writes all of `content`; false with errno set when the disk refused.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

class output_writer::state {
 public:
  struct job {
    enum class kind { replace, append } what;
    std::string path;
    std::string content;
  };

  void hand_over(job::kind what, const std::string& path, std::string content) {
    std::lock_guard guard(lock_);
    if (what == job::kind::replace) {
      // The newer snapshot takes the place of one still waiting, unless rows
      // for the file wait after that one (they belong to the older file).
      auto last = std::find_if(waiting_.rbegin(), waiting_.rend(), [&](const job& held) { return held.path == path; });
      if (last != waiting_.rend() && last->what == job::kind::replace) {
        last->content = std::move(content);
        return;
      }
    } else {
      if (waiting_append_bytes_ + content.size() > max_waiting_append_bytes) {
        if (dropped_rows_++ == 0) {
          spdlog::error("Rows for {} were dropped: the disk has not taken what waits ({} bytes)", path,
                        waiting_append_bytes_);
        }
        failed_ = true;
        return;
      }
      waiting_append_bytes_ += content.size();
      if (!waiting_.empty() && waiting_.back().what == job::kind::append && waiting_.back().path == path) {
        waiting_.back().content += content;
        return;
      }
    }
    waiting_.push_back(job{what, path, std::move(content)});
    changed_.notify_all();
  }

  bool flush(milliseconds limit) {
    std::unique_lock guard(lock_);
    bool idle = changed_.wait_for(guard, limit, [&] { return waiting_.empty() && !busy_; });
    if (!idle)
      spdlog::error("The output files were not all written within {} s: the disk does not answer",
                    limit.count() / 1000.0);
    return idle && !std::exchange(failed_, false);
  }

  void stop() {
    std::lock_guard guard(lock_);
    stopping_ = true;
    changed_.notify_all();
  }

  // The destructor's bounded wait: true when the thread has finished.
  bool wait_finished(milliseconds limit) {
    std::unique_lock guard(lock_);
    return changed_.wait_for(guard, limit, [&] { return finished_; });
  }

  // The writer's thread.
  void run() {
    reserve_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    for (;;) {
      job next;
      {
        std::unique_lock guard(lock_);
        changed_.wait(guard, [&] { return !waiting_.empty() || stopping_; });
        if (waiting_.empty()) break;  // stopping, and everything written
        next = std::move(waiting_.front());
        waiting_.pop_front();
        if (next.what == job::kind::append) waiting_append_bytes_ -= next.content.size();
        busy_ = true;
      }
      bool written = next.what == job::kind::replace ? replace(next) : append(next);
      std::lock_guard guard(lock_);
      failed_ = failed_ || !written;
      busy_ = false;
      changed_.notify_all();
    }
    for (auto& [path, fd] : append_fds_) ::close(fd);
    if (reserve_fd_ >= 0) ::close(reserve_fd_);
    std::lock_guard guard(lock_);
    finished_ = true;
    changed_.notify_all();
  }

 private:
  // open(), waiting out a shortage of descriptors: the reserve one is given
  // up for it, and failing that it is tried again until the writer stops.
  int open_file(const std::string& path, int flags) {
    milliseconds wait = first_retry;
    for (;;) {
      int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
      if (fd >= 0 || !out_of_descriptors(errno)) return fd;
      if (reserve_fd_ >= 0) {
        ::close(reserve_fd_);
        fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
        int saved = errno;
        reserve_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        errno = saved;
        if (fd >= 0 || !out_of_descriptors(errno)) return fd;
      }
      if (!short_of_descriptors_) spdlog::warn("Out of file descriptors: {} waits until some are free", path);
      short_of_descriptors_ = true;
      {
        std::unique_lock guard(lock_);
        if (changed_.wait_for(guard, wait, [&] { return stopping_; })) return -1;
      }
      wait = std::min(wait * 2, longest_retry);
    }
  }

  bool replace(const job& file) {
    // Rows appended after this go to the new file, not to the one it replaces.
    if (auto open = append_fds_.find(file.path); open != append_fds_.end()) {
      ::close(open->second);
      append_fds_.erase(open);
    }
    const std::string temp_path = file.path + ".tmp";
    int fd = open_file(temp_path, O_WRONLY | O_CREAT | O_TRUNC);
    if (fd < 0) return failed(file.path, errno);
    short_of_descriptors_ = false;
    bool written = write_all(fd, file.content);
    int error_number = errno;
    written = ::close(fd) == 0 && written;
    if (!written) {
      ::unlink(temp_path.c_str());
      return failed(file.path, error_number);
    }
    if (std::rename(temp_path.c_str(), file.path.c_str()) != 0) return failed(file.path, errno);
    last_error_.erase(file.path);
    return true;
  }

  bool append(const job& rows) {
    auto open = append_fds_.find(rows.path);
    if (open == append_fds_.end()) {
      int fd = open_file(rows.path, O_WRONLY | O_CREAT | O_APPEND);
      if (fd < 0) return failed(rows.path, errno);
      open = append_fds_.emplace(rows.path, fd).first;
    }
    if (!write_all(open->second, rows.content)) return failed(rows.path, errno);
    last_error_.erase(rows.path);
    return true;
  }

  // Logged once per path and reason, not every second.
  bool failed(const std::string& path, int error_number) {
    std::string message = "cannot write " + path + ": " + std::strerror(error_number);
    if (last_error_[path] != message) spdlog::error("{}", message);
    last_error_[path] = message;
    return false;
  }

  std::mutex lock_;
  std::condition_variable changed_;
  std::deque<job> waiting_;               // guarded by lock_
  std::size_t waiting_append_bytes_ = 0;  // guarded by lock_
  std::uint64_t dropped_rows_ = 0;        // guarded by lock_
  bool busy_ = false;                     // a job is being written; guarded by lock_
  bool failed_ = false;                   // since the last flush; guarded by lock_
  bool stopping_ = false, finished_ = false;
  // The writer's thread only:
  std::map<std::string, int> append_fds_;
  std::map<std::string, std::string> last_error_;
  int reserve_fd_ = -1;
  bool short_of_descriptors_ = false;
};

output_writer::output_writer() : state_(std::make_shared<state>()) {
  std::thread([writer = state_] { writer->run(); }).detach();
}

output_writer::~output_writer() {
  state_->stop();
  if (!state_->wait_finished(final_wait)) {
    spdlog::error("The output files were not all written within {} s: the disk does not answer",
                  final_wait.count() / 1000);
  }
}

void output_writer::replace(const std::string& path, std::string content) {
  state_->hand_over(state::job::kind::replace, path, std::move(content));
}

void output_writer::append(const std::string& path, std::string content) {
  state_->hand_over(state::job::kind::append, path, std::move(content));
}

bool output_writer::flush(std::chrono::milliseconds limit) {
  return state_->flush(limit);
}

}  // namespace locustpp::report
