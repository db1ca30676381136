// locustpp C++ SDK — declaring users, their tasks and nested task sets:
//   module.user<shopper>("Shopper").weight(3).wait_time(locustpp::between(1, 2))
//       .task("browse", &shopper::browse, 5)
//       .task("search", &shopper::search, 1, {"slow"})
//       .task_set<checkout>("checkout", 1, [](auto& set) { set.sequential().task("pay", &checkout::pay); });
#pragma once

#include <concepts>
#include <functional>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "locustpp/detail/run.hpp"
#include "locustpp/detail/storage.hpp"
#include "locustpp/user.hpp"

namespace locustpp {

namespace detail {

template <class T>
void* create_instance(void*, locustpp_user* user, void* parent, locustpp_error_buffer error) noexcept {
  try {
    auto* instance = new T();
    instance->attach_to_user(user);
    if constexpr (std::is_base_of_v<task_set, T>) instance->attach_to_parent(parent);
    return instance;
  } catch (...) {
    write_error(error, describe_current_exception());
    return nullptr;
  }
}

// A user's context() (a range of name/value string pairs) for the host,
// merged into each request event's context under the request's own keys.
template <class T>
void user_context_of(void* instance, locustpp_context_sink sink, void* sink_ctx) {
  try {
    for (const auto& [name, value] : static_cast<T*>(instance)->context()) {
      std::string_view key(name), text(value);
      sink(sink_ctx, to_abi(key), to_abi(text));
    }
  } catch (...) {
    // a throwing context() adds nothing; the request is still reported
  }
}

template <class T>
void destroy_instance(void*, void* instance) noexcept {
  delete static_cast<T*>(instance);
}

inline void* start_stored_task(void* fn_ctx, void* instance, locustpp_run* run) noexcept {
  auto& make = *static_cast<std::function<task<>(void*)>*>(fn_ctx);
  return start_run(run, [&] { return make(instance); });
}

inline double call_stored_wait(void* fn_ctx, void* instance) noexcept {
  try {
    return (*static_cast<std::function<double(void*)>*>(fn_ctx))(instance);
  } catch (...) {
    return 0;  // a broken wait function must not kill the user thread
  }
}

// Turns `void f()` hooks into tasks so on_start/on_stop may be either.
template <class Fn>
task<> as_task(Fn fn) {
  fn();
  co_return;
}

template <class T>
std::function<task<>(void*)> hook_function(auto member) {
  return [member](void* instance) -> task<> {
    T& self = *static_cast<T*>(instance);
    if constexpr (std::is_same_v<decltype((self.*member)()), task<>>) {
      return (self.*member)();
    } else {
      return as_task([&self, member] { (self.*member)(); });
    }
  };
}

}  // namespace detail

// Shared by user and task-set declarations. Self is the concrete builder;
// T the user or task-set class whose members are the tasks.
template <class Self, class T>
class task_container_builder {
 public:
  task_container_builder(detail::module_storage& storage, detail::task_set_record& record)
      : storage_(storage), record_(record) {
    auto& set = record_.set;
    set.struct_size = sizeof(locustpp_task_set);
    set.create_instance = &detail::create_instance<T>;
    set.destroy_instance = &detail::destroy_instance<T>;
    set.abort_run = &detail::abort_run;
    if constexpr (requires(T & t) { t.on_start(); }) {
      set.on_start = &detail::start_stored_task;
      set.on_start_ctx = &storage_.task_functions.emplace_back(detail::hook_function<T>(&T::on_start));
    }
    if constexpr (requires(T & t) { t.on_stop(); }) {
      set.on_stop = &detail::start_stored_task;
      set.on_stop_ctx = &storage_.task_functions.emplace_back(detail::hook_function<T>(&T::on_stop));
    }
  }

  // A task written as a member coroutine: task<> T::name(). The weight is
  // a whole number (Locust's @task(3)).
  template <class Weight = std::uint32_t>
  Self& task(std::string_view name, locustpp::task<> (T::*member)(), Weight weight = 1,
             std::vector<std::string> tags = {}) {
    return task(
        name, [member](T& self) { return (self.*member)(); }, weight, std::move(tags));
  }

  // A member that is not a task<>-returning member of T: say what to write.
  template <class Result, class Owner, class Weight = std::uint32_t>
  Self& task(std::string_view, Result (Owner::*)(), Weight = 1, std::vector<std::string> = {}) {
    static_assert(std::is_same_v<Result, locustpp::task<>>,
                  "a task is a coroutine: declare it `locustpp::task<> name() { ...; co_return; }`, not void or "
                  "another type (a plain function can be a hook: on_start/on_stop may return void)");
    static_assert(std::is_base_of_v<Owner, T>,
                  "this task is a member of another class: pass &YourUser::task of the user (or task set) being "
                  "declared");
    return self();
  }

  // A task written as any callable taking T&.
  template <class Fn, class Weight = std::uint32_t>
  requires std::invocable<Fn, T&> Self& task(std::string_view name, Fn fn, Weight weight = 1,
                                             std::vector<std::string> tags = {}) {
    static_assert(std::is_same_v<std::invoke_result_t<Fn, T&>, locustpp::task<>>,
                  "a task returns locustpp::task<>: write `[](User& u) -> locustpp::task<> { ...; co_return; }`");
    auto& stored = storage_.task_functions.emplace_back(
        [fn = std::move(fn)](void* instance) { return fn(*static_cast<T*>(instance)); });
    locustpp_task entry = blank_task(name, checked_weight(weight), tags);
    entry.start = &detail::start_stored_task;
    entry.start_ctx = &stored;
    record_.tasks.push_back(entry);
    return self();
  }

  // A nested task set; `define` declares its tasks. Tags on the entry apply
  // to every task inside, as in Locust.
  template <class Nested, class Define, class Weight = std::uint32_t>
  Self& task_set(std::string_view name, Weight weight, Define define, std::vector<std::string> tags = {});

  Self& wait_time(locustpp_wait_time wait) {
    record_.set.wait_time = &storage_.wait_times.emplace_back(wait);
    return self();
  }
  // A wait time computed by user code, in seconds (e.g. from a member).
  template <class Fn>
  requires std::invocable<Fn, T&> Self& wait_time(Fn fn) {
    auto& stored = storage_.wait_functions.emplace_back(
        [fn = std::move(fn)](void* instance) { return static_cast<double>(fn(*static_cast<T*>(instance))); });
    record_.set.wait_time = &storage_.wait_times.emplace_back(
        locustpp_wait_time{sizeof(locustpp_wait_time), LOCUSTPP_WAIT_CUSTOM, 0, 0, &detail::call_stored_wait, &stored});
    return self();
  }
  // Run tasks in declaration order (SequentialTaskSet); weights repeat them.
  Self& sequential(bool in_order = true) {
    record_.set.sequential = in_order ? 1 : 0;
    return self();
  }

 protected:
  Self& self() { return static_cast<Self&>(*this); }
  template <class Weight>
  static std::uint32_t checked_weight(Weight weight) {
    static_assert(std::is_integral_v<Weight> && !std::is_same_v<Weight, bool>,
                  "task weights are whole numbers, as in Locust's @task(3): write 3, not 2.5 or true");
    if (weight < 1 || static_cast<std::uint64_t>(weight) > 0xffffffffu) {
      throw std::invalid_argument("task weight " + std::to_string(weight) + " is outside 1..4294967295");
    }
    return static_cast<std::uint32_t>(weight);
  }
  locustpp_task blank_task(std::string_view name, std::uint32_t weight, const std::vector<std::string>& tags) {
    locustpp_task entry{};
    entry.struct_size = sizeof(entry);
    entry.name = storage_.keep(name);
    entry.weight = weight;
    entry.tags = storage_.keep_all(tags);
    entry.tag_count = static_cast<std::uint32_t>(tags.size());
    return entry;
  }

  detail::module_storage& storage_;
  detail::task_set_record& record_;
};

template <class T>
class task_set_builder : public task_container_builder<task_set_builder<T>, T> {
  static_assert(std::is_base_of_v<task_set, T>, "nested task sets derive from locustpp::task_set");

 public:
  using task_container_builder<task_set_builder<T>, T>::task_container_builder;
};

template <class Self, class T>
template <class Nested, class Define, class Weight>
Self& task_container_builder<Self, T>::task_set(std::string_view name, Weight weight, Define define,
                                                std::vector<std::string> tags) {
  auto& nested_record = storage_.task_sets.emplace_back();
  nested_record.set.name = storage_.keep(name);
  task_set_builder<Nested> nested(storage_, nested_record);
  define(nested);
  locustpp_task entry = blank_task(name, checked_weight(weight), tags);
  entry.task_set = &nested_record.set;
  record_.tasks.push_back(entry);
  return self();
}

template <class T>
class user_class_builder : public task_container_builder<user_class_builder<T>, T> {
  static_assert(std::is_base_of_v<user, T>, "user classes derive from locustpp::user");
  using base = task_container_builder<user_class_builder<T>, T>;

 public:
  user_class_builder(detail::module_storage& storage, detail::task_set_record& record, locustpp_user_class& user_class)
      : base(storage, record), user_class_(user_class) {
    if constexpr (requires(T & t) { t.context(); }) user_class_.context = &detail::user_context_of<T>;
  }

  // Relative share of users (Locust's weight).
  user_class_builder& weight(double share) {
    user_class_.weight = share;
    return *this;
  }
  // Exactly this many users of the class, spawned before weighted ones.
  user_class_builder& fixed_count(std::uint32_t count) {
    user_class_.fixed_count = count;
    return *this;
  }
  // Default target, e.g. "http://127.0.0.1:8080"; -H/--host overrides it.
  user_class_builder& host(std::string_view base_url) {
    user_class_.host = this->storage_.keep(base_url);
    return *this;
  }

 private:
  locustpp_user_class& user_class_;
};

}  // namespace locustpp
