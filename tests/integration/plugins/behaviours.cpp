// Test plugin: user behaviours (task sets, hooks, task control, tags, fixed
// counts, wait times). Every step is visible to the tests as a request to
// the demo target, so the server's counters and our statistics tell what ran.
#include <locustpp/locustpp.hpp>

#include <string>

namespace {

// A shop visit: sequential steps, then back to the parent.
struct checkout_flow : locustpp::task_set {
  locustpp::task<> on_start() { co_await client.get("/status/200?step=flow-start", {.name = "flow-start"}); }
  locustpp::task<> on_stop() { co_await client.get("/status/200?step=flow-stop", {.name = "flow-stop"}); }
  locustpp::task<> browse() { co_await client.get("/status/200?step=browse", {.name = "browse"}); }
  locustpp::task<> cart() { co_await client.get("/status/200?step=cart", {.name = "cart"}); }
  locustpp::task<> pay() {
    co_await client.get("/status/200?step=pay", {.name = "pay"});
    interrupt();
  }
};

struct shopper : locustpp::http_user {
  locustpp::task<> on_start() { co_await client.get("/status/200?step=user-start", {.name = "user-start"}); }
  locustpp::task<> on_stop() { co_await client.get("/status/200?step=user-stop", {.name = "user-stop"}); }
};

// Ends itself after three tasks (StopUser); on_stop still runs.
struct quitter : locustpp::http_user {
  int done = 0;
  locustpp::task<> work() {
    co_await client.get("/status/200?step=quitter", {.name = "quitter-task"});
    if (++done == 3) throw locustpp::stop_user{};
  }
  locustpp::task<> on_stop() { co_await client.get("/status/200?step=quitter-stop", {.name = "quitter-stop"}); }
};

struct tagged : locustpp::http_user {
  locustpp::task<> fast() { co_await client.get("/status/200?t=fast", {.name = "fast"}); }
  locustpp::task<> slow() { co_await client.get("/status/200?t=slow", {.name = "slow"}); }
  locustpp::task<> untagged() { co_await client.get("/status/200?t=none", {.name = "untagged"}); }
};

struct fixed_user : locustpp::http_user {
  locustpp::task<> on_start() { co_await client.get("/status/200?who=fixed", {.name = "fixed-start"}); }
  locustpp::task<> idle() { co_await sleep(0.05); }
};
struct weighted_user : locustpp::http_user {
  locustpp::task<> on_start() { co_await client.get("/status/200?who=weighted", {.name = "weighted-start"}); }
  locustpp::task<> idle() { co_await sleep(0.05); }
};

struct paced : locustpp::http_user {
  locustpp::task<> tick() { co_await client.get("/status/200?t=paced", {.name = "paced"}); }
};

// RescheduleTask / RescheduleTaskImmediately: the next task comes after the
// wait, or at once.
struct rescheduler : locustpp::http_user {
  locustpp::task<> now() {
    co_await client.get("/status/200?r=now", {.name = "reschedule-now"});
    throw locustpp::reschedule_task{true};
  }
  locustpp::task<> later() {
    co_await client.get("/status/200?r=later", {.name = "reschedule-later"});
    throw locustpp::reschedule_task{false};
  }
};

// Sequential weights whose sum does not fit 32 bits.
struct huge_weights : locustpp::http_user {
  locustpp::task<> first() { co_await client.get("/status/200?w=first", {.name = "huge-first"}); }
  locustpp::task<> second() { co_await client.get("/status/200?w=second", {.name = "huge-second"}); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.behaviours", "Behaviours", "1.0.0", "User behaviour scenarios") {
  module.user<shopper>("Shopper")
      .wait_time(locustpp::constant(0.01))
      .task_set<checkout_flow>("checkout", 1, [](auto& flow) {
        flow.sequential()
            .task("browse", &checkout_flow::browse, 2)
            .task("cart", &checkout_flow::cart)
            .task("pay", &checkout_flow::pay);
      });
  module.user<quitter>("Quitter").wait_time(locustpp::constant(0.01)).task("work", &quitter::work);
  module.user<tagged>("Tagged")
      .wait_time(locustpp::constant(0.01))
      .task("fast", &tagged::fast, 1, {"fast"})
      .task("slow", &tagged::slow, 1, {"slow"})
      .task("untagged", &tagged::untagged);
  module.user<fixed_user>("Fixed").fixed_count(2).task("idle", &fixed_user::idle);
  module.user<weighted_user>("Weighted").weight(1).task("idle", &weighted_user::idle);
  module.user<rescheduler>("RescheduleNow").wait_time(locustpp::constant(0.5)).task("now", &rescheduler::now);
  module.user<rescheduler>("RescheduleLater").wait_time(locustpp::constant(0.5)).task("later", &rescheduler::later);
  module.user<huge_weights>("HugeSequentialWeights")
      .sequential()
      .task("first", &huge_weights::first, 2147483648u)
      .task("second", &huge_weights::second, 2147483648u);
  module.user<paced>("Paced").wait_time(locustpp::constant_pacing(0.5)).task("tick", &paced::tick);
}
