// Asking a load shape for the next target (see shape_tick.hpp).
#include "control/shape_tick.hpp"

#include "plugin/code_site.hpp"

namespace locustpp::control {
namespace {

std::vector<bool> allowed_by(const locustpp_shape_tick& tick, const runtime::test_plan& plan) {
  if (tick.user_classes == nullptr || tick.user_class_count == 0) return {};
  std::vector<bool> allowed(plan.classes.size(), false);
  for (std::uint32_t i = 0; i < tick.user_class_count; ++i) {
    for (std::size_t c = 0; c < plan.classes.size(); ++c) {
      if (tick.user_classes[i] != nullptr && plan.classes[c].model->name == tick.user_classes[i]) allowed[c] = true;
    }
  }
  return allowed;
}

}  // namespace

shape_answer ask_shape(const plugin::shape_model& shape, const runtime::test_plan& plan, double run_time,
                       std::uint64_t current_users) {
  locustpp_shape_tick tick{};
  tick.struct_size = sizeof(tick);
  tick.run_time = run_time;
  tick.current_users = current_users;
  char message[512];
  std::size_t size = 0;
  std::int32_t verdict = 0;
  {
    plugin::code_site_guard ticking(shape.site);
    verdict = shape.tick(shape.ctx, &tick, locustpp_error_buffer{message, sizeof(message), &size});
  }
  shape_answer answer;
  if (verdict < 0) {
    answer.kind = shape_answer::verdict::failed;
    answer.error.assign(message, std::min(size, sizeof(message)));
  } else if (verdict > 0) {
    answer.kind = shape_answer::verdict::target;
    answer.users = static_cast<std::size_t>(tick.users);
    answer.spawn_rate = tick.spawn_rate;
    answer.allowed = allowed_by(tick, plan);
  }
  return answer;
}

}  // namespace locustpp::control
