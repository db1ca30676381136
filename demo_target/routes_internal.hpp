// Helpers and handlers shared between the route files (routes.cpp,
// routes_auth.cpp). Not part of the demo target's interface.
#pragma once

#include <string>
#include <string_view>

#include "routes.hpp"

namespace demo_target::detail {

Response text_response(int status, std::string body);
Response json_response(int status, std::string body);

// routes_auth.cpp
Response cookies_set(const Request& request);
Response cookies_check(const Request& request);
Response login(const Request& request, ServerState& state);
Response basic_auth(const Request& request, std::string_view user_and_password);

}  // namespace demo_target::detail
