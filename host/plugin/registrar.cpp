// Validation and collection of one module's declarations (see registrar.hpp).
#include "plugin/registrar.hpp"

#include <fmt/format.h>

#include "plugin/abi_struct.hpp"
#include "plugin/event_names.hpp"

namespace locustpp::plugin {
namespace {

constexpr int max_task_set_depth = 16;  // deeper nesting is surely a cycle

std::string text_or(const char* text, const char* fallback) {
  return text != nullptr ? text : fallback;
}

cli::argument_type argument_type_of(std::uint32_t type) {
  switch (type) {
    case LOCUSTPP_ARG_INT:
      return cli::argument_type::integer;
    case LOCUSTPP_ARG_FLOAT:
      return cli::argument_type::floating;
    case LOCUSTPP_ARG_BOOL:
      return cli::argument_type::boolean;
    case LOCUSTPP_ARG_LIST:
      return cli::argument_type::list;
    default:
      return cli::argument_type::string;
  }
}

}  // namespace

registrar::registrar(const loaded_module& module, const catalog& existing) : module_(module), existing_(existing) {
  table_.struct_size = sizeof(table_);
  table_.registrar_ctx = this;
  table_.add_user_class = &registrar::add_user_class;
  table_.add_event_listener = &registrar::add_event_listener;
  table_.add_argument = &registrar::add_argument;
  table_.add_web_route = &registrar::add_web_route;
  table_.add_background = &registrar::add_background;
  table_.add_shape = &registrar::add_shape;
}

std::int32_t registrar::refuse(std::string message) {
  errors_.push_back(std::move(message));
  return LOCUSTPP_FAILED;
}

bool registrar::copy_task_set(const locustpp_task_set* raw, task_set_model& out, const std::string& where,
                              const std::string& label, int depth) {
  std::string error;
  auto set = read_abi_struct(raw, "task set descriptor", error);
  if (!set) return refuse(fmt::format("{}: {}", where, error)), false;
  if (depth > max_task_set_depth) return refuse(fmt::format("{}: task sets nested too deeply (cycle?)", where)), false;
  if (set->create_instance == nullptr || set->destroy_instance == nullptr) {
    return refuse(fmt::format("{}: required callback create_instance/destroy_instance is missing", where)), false;
  }
  if (set->task_count > 0 && set->tasks == nullptr) {
    return refuse(fmt::format("{}: task_count is {} but tasks is NULL", where, set->task_count)), false;
  }
  out.name = text_or(set->name, "");
  out.sequential = set->sequential != 0;
  if (set->wait_time != nullptr) {
    auto wait = read_abi_struct(set->wait_time, "wait time", error);
    if (!wait) return refuse(fmt::format("{}: {}", where, error)), false;
    out.wait = *wait;
  } else {
    out.wait = {sizeof(locustpp_wait_time), LOCUSTPP_WAIT_INHERIT, 0, 0, nullptr, nullptr};
  }
  out.create = set->create_instance;
  out.destroy = set->destroy_instance;
  out.instance_ctx = set->instance_ctx;
  out.on_start = set->on_start;
  out.on_start_ctx = set->on_start_ctx;
  out.on_stop = set->on_stop;
  out.on_stop_ctx = set->on_stop_ctx;
  out.abort_run = set->abort_run;
  out.instance_site = site(label);
  out.wait_site = site(label + ".wait_time");
  out.on_start_site = site(label + ".on_start");
  out.on_stop_site = site(label + ".on_stop");
  if (out.wait.kind == LOCUSTPP_WAIT_CUSTOM && out.wait.custom == nullptr) {
    return refuse(fmt::format("{}: custom wait time without a function", where)), false;
  }
  bool any_code = out.on_start != nullptr || out.on_stop != nullptr;
  for (std::uint32_t i = 0; i < set->task_count; ++i) {
    auto task = read_abi_array_element(set->tasks, i, "task descriptor", error);
    if (!task) return refuse(fmt::format("{} task #{}: {}", where, i, error)), false;
    task_model model;
    model.name = text_or(task->name, "");
    model.site = site(label + "." + model.name);
    std::string task_where = fmt::format("{} task '{}'", where, model.name);
    if (model.name.empty()) return refuse(fmt::format("{} task #{}: name is missing", where, i)), false;
    model.weight = task->weight == 0 ? 1 : task->weight;
    for (std::uint32_t t = 0; t < task->tag_count && task->tags != nullptr; ++t) {
      if (task->tags[t] != nullptr) model.tags.emplace_back(task->tags[t]);
    }
    if ((task->start == nullptr) == (task->task_set == nullptr)) {
      return refuse(fmt::format("{}: exactly one of start and task_set must be set", task_where)), false;
    }
    if (task->start != nullptr) {
      model.start = task->start;
      model.start_ctx = task->start_ctx;
      any_code = true;
    } else {
      model.nested = std::make_unique<task_set_model>();
      if (!copy_task_set(task->task_set, *model.nested, task_where, model.site.label, depth + 1)) return false;
    }
    out.tasks.push_back(std::move(model));
  }
  if (any_code && out.abort_run == nullptr) {
    return refuse(fmt::format("{}: required callback abort_run is missing", where)), false;
  }
  return true;
}

std::int32_t registrar::add_user_class(void* self_ptr, const locustpp_user_class* raw) {
  auto& self = *static_cast<registrar*>(self_ptr);
  std::string error;
  auto user_class = read_abi_struct(raw, "user class descriptor", error);
  if (!user_class) return self.refuse(error);
  auto model = std::make_unique<user_class_model>();
  model->name = text_or(user_class->name, "");
  if (model->name.empty()) return self.refuse("user class: name is missing");
  std::string where = fmt::format("user class '{}'", model->name);
  if (const loaded_module* owner = self.owner_of_user_class(model->name)) {
    return self.refuse(
        fmt::format("{}: a class of that name is already declared by module {} ({})", where, owner->id, owner->path));
  }
  if (user_class->behaviour == nullptr) return self.refuse(fmt::format("{}: required behaviour is missing", where));
  if (!(user_class->weight >= 0))
    return self.refuse(fmt::format("{}: weight {} is negative", where, user_class->weight));
  model->weight = user_class->weight;
  model->fixed_count = user_class->fixed_count;
  model->host = text_or(user_class->host, "");
  model->context = user_class->context;
  model->context_site = self.site(model->name + ".context");
  model->module = &self.module_;
  if (!self.copy_task_set(user_class->behaviour, model->behaviour, where, model->name, 0)) return LOCUSTPP_FAILED;
  self.user_classes_.push_back(std::move(model));
  return LOCUSTPP_OK;
}

const loaded_module* registrar::owner_of_user_class(std::string_view name) const {
  for (const auto& known : existing_.user_classes) {
    if (known->name == name) return known->module;
  }
  for (const auto& pending : user_classes_) {
    if (pending->name == name) return &module_;
  }
  return nullptr;
}

const loaded_module* registrar::owner_of_argument(std::string_view name) const {
  for (const auto& known : existing_.arguments) {
    if (known.name == name) {
      for (const auto& module : existing_.modules) {
        if (module->id == known.owner) return module.get();
      }
    }
  }
  for (const auto& pending : arguments_) {
    if (pending.name == name) return &module_;
  }
  return nullptr;
}

std::int32_t registrar::add_event_listener(void* self_ptr, std::uint32_t kind, locustpp_event_fn listener, void* ctx) {
  auto& self = *static_cast<registrar*>(self_ptr);
  if (kind == 0 || kind >= LOCUSTPP_EVENT_KIND_END) {
    return self.refuse(fmt::format("event listener: unknown event kind {} (this host knows 1..{})", kind,
                                   LOCUSTPP_EVENT_KIND_END - 1));
  }
  if (listener == nullptr) return self.refuse("event listener: required callback is NULL");
  auto event = static_cast<locustpp_event_kind>(kind);
  self.listeners_.emplace_back(
      kind, listener_model{listener, ctx, &self.module_, self.site(std::string(event_name(event)) + " listener")});
  return LOCUSTPP_OK;
}

std::int32_t registrar::add_argument(void* self_ptr, const locustpp_argument* raw) {
  auto& self = *static_cast<registrar*>(self_ptr);
  std::string error;
  auto argument = read_abi_struct(raw, "argument descriptor", error);
  if (!argument) return self.refuse(error);
  std::string name = text_or(argument->name, "");
  if (!name.starts_with("--") || name.size() < 3) {
    return self.refuse(fmt::format("argument '{}': names start with -- (e.g. --my-argument)", name));
  }
  if (const loaded_module* owner = self.owner_of_argument(name)) {
    if (owner != &self.module_) {
      self.argument_conflicts_.push_back(
          fmt::format("argument '{}' of module {} ({}): already declared by module {} ({})", name, self.module_.id,
                      self.module_.path, owner->id, owner->path));
    }
    return self.refuse(fmt::format("argument '{}': already declared by module {} ({})", name, owner->id, owner->path));
  }
  cli::plugin_argument model;
  model.name = name;
  model.group = text_or(argument->group, "");
  model.type = argument_type_of(argument->type);
  if (argument->default_value != nullptr) model.default_value = argument->default_value;
  model.help = text_or(argument->help, "");
  model.env_var = text_or(argument->env_var, "");
  for (std::uint32_t i = 0; i < argument->choice_count && argument->choices != nullptr; ++i) {
    if (argument->choices[i] != nullptr) model.choices.emplace_back(argument->choices[i]);
  }
  model.include_in_web_ui = (argument->flags & LOCUSTPP_ARG_HIDE_FROM_WEB_UI) == 0;
  model.is_secret = (argument->flags & LOCUSTPP_ARG_SECRET) != 0;
  model.is_required = (argument->flags & LOCUSTPP_ARG_REQUIRED) != 0;
  model.is_multiple = (argument->flags & LOCUSTPP_ARG_MULTIPLE) != 0;
  model.owner = self.module_.id;
  self.arguments_.push_back(std::move(model));
  return LOCUSTPP_OK;
}

std::int32_t registrar::add_web_route(void* self_ptr, const locustpp_web_route* raw) {
  auto& self = *static_cast<registrar*>(self_ptr);
  std::string error;
  auto route = read_abi_struct(raw, "web route descriptor", error);
  if (!route) return self.refuse(error);
  if (route->handler == nullptr) return self.refuse("web route: required handler is NULL");
  std::string path = text_or(route->path, "");
  if (!path.starts_with('/')) return self.refuse(fmt::format("web route '{}': paths start with /", path));
  std::string method = text_or(route->method, "GET");
  self.routes_.push_back({method, path, (route->flags & LOCUSTPP_ROUTE_PREFIX) != 0, route->handler, route->route_ctx,
                          &self.module_, self.site("web route " + method + " " + path)});
  return LOCUSTPP_OK;
}

std::int32_t registrar::add_background(void* self_ptr, const locustpp_background* raw) {
  auto& self = *static_cast<registrar*>(self_ptr);
  std::string error;
  auto job = read_abi_struct(raw, "background job descriptor", error);
  if (!job) return self.refuse(error);
  std::string name = text_or(job->name, "background");
  if (job->start == nullptr || job->abort_run == nullptr) {
    return self.refuse(fmt::format("background job '{}': required callback start/abort_run is missing", name));
  }
  self.background_jobs_.push_back(
      {name, job->start, job->start_ctx, job->abort_run, &self.module_, self.site("background job " + name)});
  return LOCUSTPP_OK;
}

std::int32_t registrar::add_shape(void* self_ptr, const locustpp_shape* raw) {
  auto& self = *static_cast<registrar*>(self_ptr);
  std::string error;
  auto shape = read_abi_struct(raw, "load shape descriptor", error);
  if (!shape) return self.refuse(error);
  std::string name = text_or(shape->name, "shape");
  if (shape->tick == nullptr)
    return self.refuse(fmt::format("load shape '{}': required callback tick is missing", name));
  self.shapes_.push_back({name, shape->tick, shape->shape_ctx, &self.module_, self.site("load shape " + name)});
  return LOCUSTPP_OK;
}

void registrar::merge_into(catalog& target) {
  for (auto& user_class : user_classes_) target.user_classes.push_back(std::move(user_class));
  for (auto& [kind, listener] : listeners_) target.listeners[kind].push_back(listener);
  for (auto& argument : arguments_) target.arguments.push_back(std::move(argument));
  for (auto& route : routes_) target.routes.push_back(std::move(route));
  for (auto& job : background_jobs_) target.background_jobs.push_back(std::move(job));
  for (auto& shape : shapes_) target.shapes.push_back(std::move(shape));
  background_jobs_.clear();
  shapes_.clear();
  user_classes_.clear();
  listeners_.clear();
  arguments_.clear();
  routes_.clear();
}

}  // namespace locustpp::plugin
