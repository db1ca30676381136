// The thread that owns a run's output files (DESIGN §7a: disk never blocks
// the control thread). The control thread hands it whole contents (the CSV
// snapshots, the JSON file) and rows to append (the history), and goes on:
// a slow or stuck disk cannot stretch -t, stall the web UI or delay a
// worker's heartbeats. What waits is bounded: a newer content of a file
// replaces the one still waiting, and rows wait up to a limit past which
// they are dropped, and that is said. Running out of file descriptors is
// waited out: a descriptor kept in reserve is given up to open a file, and
// a file appended to stays open, so its rows go on while descriptors are
// short.
//
// Thread rules: every member from any thread (the control thread in
// practice); the writing happens on the writer's own thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace locustpp::report {

class output_writer {
 public:
  // Rows waiting to be appended beyond this many bytes are dropped.
  static constexpr std::size_t max_waiting_append_bytes = std::size_t{64} << 20;

  output_writer();
  // Waits up to a few seconds for what was handed over; a writer stuck in a
  // dead disk is then left behind (the process can still end).
  ~output_writer();
  output_writer(const output_writer&) = delete;
  output_writer& operator=(const output_writer&) = delete;

  // PATH becomes `content`, whole: written to PATH.tmp and renamed over it.
  void replace(const std::string& path, std::string content);
  // `content` is added at the end of PATH (opened once, kept open).
  void append(const std::string& path, std::string content);

  // Waits until everything handed over so far is on disk, at most `limit`.
  // True when it all was written; false when something could not be (the
  // reason was logged) or the disk did not answer in time.
  bool flush(std::chrono::milliseconds limit);

  class state;

 private:
  std::shared_ptr<state> state_;  // shared with the thread, which may outlive this object
};

}  // namespace locustpp::report
