// locustpp C++ SDK — pause a user without blocking its thread:
//   co_await locustpp::sleep_for(handle(), 0.5);
#pragma once

#include <coroutine>

#include "locustpp/host.hpp"

namespace locustpp {

class [[nodiscard]] sleep_for {
 public:
  sleep_for(locustpp_user* user, double seconds) noexcept : user_(user), seconds_(seconds) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> waiting) noexcept {
    waiting_ = waiting;
    host().sleep(user_, seconds_, &sleep_for::wake, this);
  }
  void await_resume() const noexcept {}

 private:
  static void wake(void* self) noexcept { static_cast<sleep_for*>(self)->waiting_.resume(); }
  locustpp_user* user_;
  double seconds_;
  std::coroutine_handle<> waiting_;
};

}  // namespace locustpp
