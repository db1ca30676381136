// The user classes tests run from, as the controller keeps them between
// tests: the plan, the host every class sends to (-H, the start form's
// host, /user), and the parsed base URLs the users hold. Bases and task
// lists are never freed: a user left on a stuck thread may still read an
// old one. Control thread only.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "http/url.hpp"
#include "runtime/class_picker.hpp"
#include "runtime/config_users.hpp"
#include "runtime/test_plan.hpp"

namespace locustpp::control {

class class_book {
 public:
  // host: -H ("" = each class's own host).
  class_book(runtime::test_plan plan, std::string host);

  const runtime::test_plan& plan() const noexcept { return plan_; }
  const std::string& host() const noexcept { return host_; }
  std::string describe_host() const { return host_.empty() ? "the classes' own" : host_; }
  // Where users of planned class `index` send their requests, or null (absolute URLs only).
  const http::url* base(std::size_t index) const { return bases_[index]; }
  // Weights and fixed counts, for a class_picker.
  std::vector<runtime::class_share> shares() const;

  // One flag per planned class from class names (empty names: `allowed` stays
  // empty, every class). Returns "" or the unknown name's message.
  std::string select(const std::vector<std::string>& names, std::vector<bool>& allowed) const;
  // A new host for every class ("" = each class's own). "" or why not.
  std::string use_host(const std::string& host);
  // Locust's /user: weight, fixed count, host or tasks of one class. "" or
  // why not (then nothing changed). Tasks are chosen from the class as
  // planned, not as the last call left it: a task dropped by one call comes
  // back with the next that names it. A call leaving no task is refused.
  std::string update(const runtime::class_settings& settings);

 private:
  const http::url* keep(http::url base) { return &known_bases_.emplace_back(std::move(base)); }

  runtime::test_plan plan_;
  std::string host_;
  std::deque<http::url> known_bases_;                           // every base used so far, at stable addresses
  std::vector<const http::url*> bases_;                         // per planned class
  std::vector<std::vector<plugin::task_model>> planned_tasks_;  // per planned class: its tasks as planned
  std::deque<std::vector<plugin::task_model>> retired_tasks_;   // task lists /user replaced
};

}  // namespace locustpp::control
