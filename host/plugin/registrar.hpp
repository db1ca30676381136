// Collects what one module declares during its register_module() call,
// validating every struct it is handed (size, required callbacks, names).
// Declarations only reach the catalog when the whole registration succeeds.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plugin/catalog.hpp"

namespace locustpp::plugin {

class registrar {
 public:
  registrar(const loaded_module& module, const catalog& existing);
  registrar(const registrar&) = delete;
  registrar& operator=(const registrar&) = delete;

  // The ABI table handed to the module; valid while this object lives.
  const locustpp_registrar& abi() const noexcept { return table_; }
  // Why declarations were refused, if any.
  const std::vector<std::string>& errors() const noexcept { return errors_; }
  // The arguments among them that another module declared already.
  const std::vector<std::string>& argument_conflicts() const noexcept { return argument_conflicts_; }
  void merge_into(catalog& target);

 private:
  static std::int32_t add_user_class(void* self, const locustpp_user_class* user_class);
  static std::int32_t add_event_listener(void* self, std::uint32_t kind, locustpp_event_fn listener, void* ctx);
  static std::int32_t add_argument(void* self, const locustpp_argument* argument);
  static std::int32_t add_web_route(void* self, const locustpp_web_route* route);
  static std::int32_t add_background(void* self, const locustpp_background* job);
  static std::int32_t add_shape(void* self, const locustpp_shape* shape);

  // The module that already declared a user class / an argument of this
  // name (this one included), or null.
  const loaded_module* owner_of_user_class(std::string_view name) const;
  const loaded_module* owner_of_argument(std::string_view name) const;
  // `where` names the set in messages; `label` is its code-site label
  // ("Class" or "Class.Set").
  bool copy_task_set(const locustpp_task_set* raw, task_set_model& out, const std::string& where,
                     const std::string& label, int depth);
  code_site site(std::string label) const { return {module_.id, std::move(label)}; }
  std::int32_t refuse(std::string message);

  const loaded_module& module_;
  const catalog& existing_;
  locustpp_registrar table_{};
  std::vector<std::string> errors_, argument_conflicts_;
  std::vector<std::unique_ptr<user_class_model>> user_classes_;
  std::vector<std::pair<std::uint32_t, listener_model>> listeners_;
  std::vector<cli::plugin_argument> arguments_;
  std::vector<route_model> routes_;
  std::vector<background_model> background_jobs_;
  std::vector<shape_model> shapes_;
};

}  // namespace locustpp::plugin
