// The misbehaving server's routes: one per way a real server (or the
// network) breaks HTTP. Each answers one request on a blocking socket and
// says whether the connection stays open for the next request.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace locustpp::fault_server {

// Requests seen per path, counted once each request head has been read.
// Shared by every connection thread.
class request_counts {
 public:
  void add(const std::string& path);
  std::string json() const;  // {"/ok": 12, ...}

 private:
  mutable std::mutex mutex_;
  std::map<std::string, unsigned long long> by_path_;
};

enum class after_response { keep_open, close };

// Answers `path` on `fd`. Unknown paths get a 404 (and stay open).
after_response answer(int fd, const std::string& path, const request_counts& counts);

}  // namespace locustpp::fault_server
