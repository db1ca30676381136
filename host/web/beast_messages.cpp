// Between Beast's messages and the web UI's own (see beast_messages.hpp).
#include "web/beast_messages.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <string_view>
#include <utility>

namespace locustpp::web {
namespace {

namespace bhttp = boost::beast::http;

void prepare(beast_response& response, web_response answered, bool keep_alive) {
  response = {};
  response.version(11);
  response.result(static_cast<unsigned>(answered.status));
  response.set(bhttp::field::content_type, answered.content_type);
  response.set(bhttp::field::server, "locustpp");
  response.set(bhttp::field::cache_control, "no-store");
  for (auto& [name, value] : answered.headers) response.insert(name, value);
  response.body() = std::move(answered.body);
  response.keep_alive(keep_alive);
  response.prepare_payload();
}

}  // namespace

void limit_request_size(beast_request_parser& parser) {
  parser.body_limit(max_body_bytes);
  parser.header_limit(max_header_bytes);
}

web_request request_of(beast_request&& message, std::string peer) {
  web_request request;
  request.method = std::string(message.method_string().data(), message.method_string().size());
  std::string_view target(message.target().data(), message.target().size());
  std::size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string().data(), field.name_string().size()),
                                 std::string(field.value().data(), field.value().size()));
  }
  request.body = std::move(message.body());
  request.peer = std::move(peer);
  return request;
}

void write_answer(beast_response& response, web_response answered, bool keep_alive) {
  try {
    prepare(response, std::move(answered), keep_alive);
  } catch (const std::exception& error) {
    // Caught here, it never reaches the control thread's loop.
    spdlog::error("web UI: an answer could not be written ({}); sent a 500 instead", error.what());
    prepare(response, web_response::text("internal error: the answer could not be written\n", 500), keep_alive);
  }
}

}  // namespace locustpp::web
