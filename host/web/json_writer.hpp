// Writing the web API's JSON with RapidJSON: the few calls every answer uses.
// Only the web module's .cpp files include it.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "report/text_safety.hpp"

namespace locustpp::web::json {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Names and texts may come from the target or a plugin. RapidJSON escapes
// their control characters but copies other bytes as given: invalid UTF-8
// is replaced first (report::valid_utf8), so pages and scripts can decode it.
inline void key(writer& out, std::string_view name) {
  std::string scratch;
  const std::string_view safe = report::valid_utf8(name, scratch);
  out.Key(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
}
inline void text(writer& out, std::string_view value) {
  std::string scratch;
  const std::string_view safe = report::valid_utf8(value, scratch);
  out.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
}
// JSON has no NaN or infinity: those are null.
inline void number(writer& out, double value) {
  if (std::isfinite(value)) {
    out.Double(value);
  } else {
    out.Null();
  }
}
inline void optional_number(writer& out, std::optional<double> value) {
  if (value) {
    number(out, *value);
  } else {
    out.Null();
  }
}
// `value` as a JSON string literal, quotes included.
inline std::string quote(std::string_view value) {
  rapidjson::StringBuffer buffer;
  writer out(buffer);
  text(out, value);
  return buffer.GetString();
}

}  // namespace locustpp::web::json
