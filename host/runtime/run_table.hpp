// Handles of started plugin code (locustpp_run*), never reused for a later
// run: each is an index into this table plus the slot's generation at the
// time, so a handle kept past its run's end — code that reports after it
// was aborted, or twice — is recognised and ignored instead of ending the
// user's next run. One table per worker thread; every call on that thread.
// Steady state allocates nothing: freed slots are reused (with a new
// generation).
#pragma once

#include <cstdint>
#include <vector>

#include "locustpp/abi/users.h"

namespace locustpp::runtime {

class user_context;

class run_table {
 public:
  // A new handle for a run of `owner`'s code.
  locustpp_run* open(user_context& owner);
  // The owner of a live handle; null for a stale or foreign one.
  user_context* owner_of(const locustpp_run* handle) const noexcept;
  // Ends the handle (its run finished or was aborted). Stale handles: no-op.
  void close(const locustpp_run* handle) noexcept;

 private:
  struct slot {
    user_context* owner = nullptr;
    std::uint32_t generation = 1;
  };
  // Decodes a handle; false when it is no handle of this table.
  bool decode(const locustpp_run* handle, std::uint32_t& index, std::uint32_t& generation) const noexcept;
  std::vector<slot> slots_;
  std::vector<std::uint32_t> free_;
};

}  // namespace locustpp::runtime
