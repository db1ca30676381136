// Custom command-line arguments (Locust's init_command_line_parser with
// parser.add_argument): they show in --help, can come from the command
// line, an environment variable or locust.conf (in that order of
// precedence), and are read with locustpp::option("name").
// Build: locustpp_add_plugin(custom_arguments custom_arguments.cpp)
// Run:   locustpp -f custom_arguments.so --headless -u 1 -t 3s --my-argument hello --env staging
//   or:  LOCUST_MY_ARGUMENT=hello locustpp -f custom_arguments.so ...
//   or:  "my-argument = hello" in ./locust.conf
//
// Prints at test start:
//   Custom argument supplied: my-argument=hello
//   env=staging
//   my-ui-invisible-argument=I am invisible
//   my-ui-password-argument is set (its value is never printed)
#include <locustpp/locustpp.hpp>

#include <cstdio>
#include <string>

namespace {

void declare_arguments(locustpp::module& module) {
  // Filled field by field: designated initializers that skip fields warn
  // under -Wmissing-field-initializers.
  locustpp::argument_spec my_argument;
  my_argument.name = "--my-argument";
  my_argument.default_value = "default";
  my_argument.help = "It's working";
  my_argument.env_var = "LOCUST_MY_ARGUMENT";
  module.argument(my_argument);

  // Choices are checked when the options are parsed (and make a dropdown in
  // the web UI).
  locustpp::argument_spec environment;
  environment.name = "--env";
  environment.default_value = "dev";
  environment.help = "Environment to test";
  environment.choices = {"dev", "staging", "prod"};
  module.argument(environment);

  // Not offered in the web UI; the command line and locust.conf still work.
  locustpp::argument_spec invisible;
  invisible.name = "--my-ui-invisible-argument";
  invisible.default_value = "I am invisible";
  invisible.help = "Hidden from the web UI";
  invisible.include_in_web_ui = false;
  module.argument(invisible);

  // A password: masked in the web UI, and its value (default included) is
  // never shown by --help or in error messages.
  locustpp::argument_spec password;
  password.name = "--my-ui-password-argument";
  password.default_value = "Sw0rdf1sh-default";
  password.help = "A password, masked in the web UI";
  password.is_secret = true;
  module.argument(password);
}

void print_arguments() {
  auto environment = locustpp::env();
  std::printf("Custom argument supplied: my-argument=%s\n", std::string(environment.option("my-argument")).c_str());
  std::printf("env=%s\n", std::string(environment.option("env")).c_str());
  std::printf("my-ui-invisible-argument=%s\n", std::string(environment.option("my-ui-invisible-argument")).c_str());
  // Never print a secret; say whether there is one.
  bool has_password = !environment.option("my-ui-password-argument").empty();
  std::printf("my-ui-password-argument is %s (its value is never printed)\n", has_password ? "set" : "not set");
  std::fflush(stdout);
}

struct website_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.custom_arguments", "Custom arguments", "1.0.0",
                "Plugin command-line arguments: env var, choices, hidden and secret") {
  declare_arguments(module);
  module.on_test_start(print_arguments);
  module.user<website_user>("WebsiteUser")
      .host("http://127.0.0.1:8080")
      .wait_time(locustpp::constant(0.5))
      .task("index", &website_user::index);
}
