// locustpp command line: typed conversion of built-in options — see builtin_values.hpp.
#include "cli/builtin_values.hpp"

#include <limits>
#include <stdexcept>
#include <type_traits>

#include "cli/config_error.hpp"
#include "cli/option_table.hpp"
#include "cli/timespan.hpp"
#include "cli/value_errors.hpp"
#include "cli/value_text.hpp"

namespace locustpp::cli {
namespace {

// Stores `value` into the option's run_options member, which must be a T or
// std::optional<T>; anything else is a mistake in the option table.
template <typename T>
void store(const builtin_option& option, run_options& options, T value) {
  std::visit(
      [&](auto member) {
        if constexpr (!std::is_same_v<decltype(member), std::monostate>) {
          using field = std::remove_reference_t<decltype(options.*member)>;
          if constexpr (std::is_same_v<field, T> || std::is_same_v<field, std::optional<T>>) {
            options.*member = std::move(value);
          } else {
            throw std::logic_error("option table: --" + std::string(option.name) + " targets a member of another type");
          }
        }
      },
      option.target);
}

const std::string& last_text(const raw_value& value) {
  static const std::string nothing;
  return value.texts.empty() ? nothing : value.texts.back();
}

bool within_limit(double value, value_limit limit) {
  switch (limit) {
    case value_limit::none:
      return true;
    case value_limit::at_least_zero:
      return value >= 0;
    case value_limit::above_zero:
      return value > 0;
    case value_limit::exit_status:
      return value >= 0 && value <= 255;
    case value_limit::port:
      return value >= 0 && value <= 65535;
    case value_limit::seconds:
      return value > 0 && value <= max_duration_seconds;
    case value_limit::threads:
      return value >= 0 && value <= max_worker_threads;
  }
  return true;
}

std::string_view expected_integer(value_limit limit) {
  switch (limit) {
    case value_limit::none:
      return "an integer";
    case value_limit::at_least_zero:
      return "an integer >= 0";
    case value_limit::above_zero:
      return "an integer > 0";
    case value_limit::exit_status:
      return "an integer from 0 to 255";
    case value_limit::port:
      return "a port number from 0 to 65535";
    case value_limit::seconds:
      return "a whole number of seconds > 0, at most 100 years";
    case value_limit::threads:
      return "an integer from 0 to 1024, 0 for one per CPU core";
  }
  return "an integer";
}

std::string_view expected_number(value_limit limit) {
  switch (limit) {
    case value_limit::none:
    case value_limit::exit_status:
    case value_limit::port:
    case value_limit::threads:
      return "a number";
    case value_limit::at_least_zero:
      return "a number >= 0";
    case value_limit::above_zero:
      return "a number > 0";
    case value_limit::seconds:
      return "a number of seconds > 0, at most 3155760000 (100 years)";
  }
  return "a number";
}

void apply_flag(const builtin_option& option, const raw_value& value, run_options& options) {
  const std::string& text = last_text(value);
  const std::optional<bool> flag = parse_bool_text(text);
  if (!flag) throw_invalid_value(option.name, text, "true or false", false, value);
  store(option, options, *flag);
}

void apply_text(const builtin_option& option, const raw_value& value, run_options& options) {
  const std::string& text = last_text(value);
  if (option.choices.empty()) {
    store(option, options, text);
    return;
  }
  const std::string upper = to_upper(trim(text));
  for (std::string_view choice : option.choices) {
    if (choice == upper) {
      store(option, options, upper);
      return;
    }
  }
  throw_invalid_choice(option.name, text, {option.choices.begin(), option.choices.end()}, false, value);
}

void apply_integer(const builtin_option& option, const raw_value& value, run_options& options) {
  const std::string& text = last_text(value);
  const std::optional<long long> number = parse_integer_text(text);
  const bool fits = number && *number >= std::numeric_limits<int>::min() && *number <= std::numeric_limits<int>::max();
  if (!fits || !within_limit(static_cast<double>(*number), option.limit)) {
    throw_invalid_value(option.name, text, expected_integer(option.limit), false, value);
  }
  store(option, options, static_cast<int>(*number));
}

void apply_number(const builtin_option& option, const raw_value& value, run_options& options) {
  const std::string& text = last_text(value);
  const std::optional<double> number = parse_number_text(text);
  if (!number || !within_limit(*number, option.limit)) {
    throw_invalid_value(option.name, text, expected_number(option.limit), false, value);
  }
  store(option, options, *number);
}

void apply_timespan(const builtin_option& option, const raw_value& value, run_options& options) {
  const std::string& text = last_text(value);
  double seconds = 0;
  try {
    seconds = parse_timespan(text);
  } catch (const config_error&) {
    // Re-worded so the message names the option and the source.
    throw_invalid_value(option.name, text, "a time span such as 20, 20s, 3m, 2h, 1h20m", false, value);
  }
  if (seconds > max_duration_seconds) {
    throw_invalid_value(option.name, text, "a time span of at most 100 years (876600h)", false, value);
  }
  store(option, options, seconds);
}

// Each value as given: --config-users takes JSON, whose commas are its own.
void apply_text_list(const builtin_option& option, const raw_value& value, run_options& options) {
  store(option, options, value.texts);
}

void apply_list(const builtin_option& option, const raw_value& value, run_options& options) {
  const bool blanks_separate = option.kind == option_kind::token_list;
  std::vector<std::string> items;
  for (const std::string& text : value.texts) {
    for (std::string& item : split_list_text(text, blanks_separate)) items.push_back(std::move(item));
  }
  store(option, options, std::move(items));
}

}  // namespace

void apply_builtin_values(const raw_values& values, run_options& options) {
  for (const builtin_option& option : builtin_options()) {
    const auto found = values.find(std::string(option.name));
    if (found == values.end() || std::holds_alternative<std::monostate>(option.target)) continue;
    const raw_value& value = found->second;
    switch (option.kind) {
      case option_kind::flag:
        apply_flag(option, value, options);
        break;
      case option_kind::text:
        apply_text(option, value, options);
        break;
      case option_kind::integer:
        apply_integer(option, value, options);
        break;
      case option_kind::number:
        apply_number(option, value, options);
        break;
      case option_kind::timespan:
        apply_timespan(option, value, options);
        break;
      case option_kind::token_list:
      case option_kind::path_list:
        apply_list(option, value, options);
        break;
      case option_kind::text_list:
        apply_text_list(option, value, options);
        break;
    }
  }
}

}  // namespace locustpp::cli
