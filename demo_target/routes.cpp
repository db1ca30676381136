// Route table of the demo target plus the routes that need no request
// parsing beyond the path: status codes, delays, generated bodies, redirects,
// the flaky endpoint, connection control, /peer, /echo and /__counters.
#include "routes.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "json.hpp"
#include "routes_internal.hpp"
#include "text_codec.hpp"

namespace demo_target {

std::string_view Request::path() const {
  return target.substr(0, target.find('?'));
}

std::string_view Request::query() const {
  const std::size_t mark = target.find('?');
  return mark == std::string_view::npos ? std::string_view{} : target.substr(mark + 1);
}

std::string_view Request::header(std::string_view name) const {
  for (const HeaderView& field : headers) {
    if (iequals(field.name, name)) return field.value;
  }
  return {};
}

namespace detail {

Response text_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response json_response(int status, std::string body) {
  Response response = text_response(status, std::move(body));
  response.content_type = "application/json";
  return response;
}

}  // namespace detail

namespace {

using detail::json_response;
using detail::text_response;

constexpr std::uint64_t kMaxDelayMs = 300000;
constexpr std::uint64_t kMaxRedirects = 1000000;

// If `path` starts with `prefix`, returns the rest.
std::optional<std::string_view> after_prefix(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return std::nullopt;
  return path.substr(prefix.size());
}

Response status_route(std::string_view code_text) {
  const auto code = parse_uint(code_text, 599);
  if (!code || *code < 200) return text_response(400, "invalid status code\n");
  const int status = static_cast<int>(*code);
  // HTTP forbids a body on 204 and 304.
  return text_response(status, status == 204 || status == 304 ? "" : "status " + std::to_string(status) + "\n");
}

Response delay_route(std::string_view ms_text) {
  const auto ms = parse_uint(ms_text, kMaxDelayMs);
  if (!ms) return text_response(400, "invalid delay (0.." + std::to_string(kMaxDelayMs) + " ms)\n");
  Response response = text_response(200, "delayed " + std::to_string(*ms) + " ms\n");
  response.delay = std::chrono::milliseconds(*ms);
  return response;
}

Response generated_route(std::string_view size_text, std::size_t chunk_size) {
  const auto size = parse_uint(size_text, kMaxGeneratedBytes);
  if (!size) return text_response(400, "invalid byte count (0.." + std::to_string(kMaxGeneratedBytes) + ")\n");
  Response response;
  response.content_type = "application/octet-stream";
  response.generated_body = true;
  response.generated_size = *size;
  response.chunk_size = chunk_size;
  return response;
}

Response chunked_route(std::string_view size_text, const Request& request) {
  std::size_t chunk_size = kDefaultChunkSize;
  if (const auto chunk = find_param(parse_query(request.query()), "chunk")) {
    const auto parsed = parse_uint(*chunk, kMaxChunkSize);
    if (!parsed || *parsed == 0) {
      return text_response(400, "invalid chunk size (1.." + std::to_string(kMaxChunkSize) + ")\n");
    }
    chunk_size = static_cast<std::size_t>(*parsed);
  }
  return generated_route(size_text, chunk_size);
}

Response redirect_response(int status, std::string location) {
  Response response = text_response(status, "redirecting to " + location + "\n");
  response.extra_headers.emplace_back("Location", std::move(location));
  return response;
}

Response redirect_route(std::string_view count_text) {
  const auto count = parse_uint(count_text, kMaxRedirects);
  if (!count) return text_response(400, "invalid redirect count\n");
  if (*count == 0) return text_response(200, "redirected\n");
  return redirect_response(302, "/redirect/" + std::to_string(*count - 1));
}

Response redirect_to_route(const Request& request) {
  const auto params = parse_query(request.query());
  const auto url = find_param(params, "url");
  if (!url || url->empty() || !safe_header_value(*url)) return text_response(400, "missing or invalid url\n");
  std::uint64_t status = 302;
  if (const auto status_text = find_param(params, "status")) {
    const auto parsed = parse_uint(*status_text, 399);
    if (!parsed || *parsed < 300) return text_response(400, "invalid redirect status (300..399)\n");
    status = *parsed;
  }
  return redirect_response(static_cast<int>(status), *url);
}

// "0.25" -> 25/100. Exact decimal arithmetic, so p=0.29 fails exactly 29 of
// every 100 requests instead of drifting with binary floating point.
struct Probability {
  std::uint64_t numerator = 0;
  std::uint64_t denominator = 1;
};

std::optional<Probability> parse_probability(std::string_view text) {
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if ((whole.empty() && fraction.empty()) || fraction.size() > 9) return std::nullopt;
  Probability p;
  if (!whole.empty()) {
    const auto parsed = parse_uint(whole, 1);
    if (!parsed) return std::nullopt;
    p.numerator = *parsed;
  }
  if (!fraction.empty()) {
    const auto digits = parse_uint(fraction, 999999999);
    if (!digits) return std::nullopt;
    for (std::size_t i = 0; i < fraction.size(); ++i) p.denominator *= 10;
    p.numerator = p.numerator * p.denominator + *digits;
  }
  if (p.numerator > p.denominator) return std::nullopt;
  return p;
}

// floor(k * p) without overflow (k % denominator < 1e9, numerator <= 1e9).
std::uint64_t floor_times(std::uint64_t k, Probability p) {
  return (k / p.denominator) * p.numerator + (k % p.denominator) * p.numerator / p.denominator;
}

Response flaky_route(const Request& request, ServerState& state) {
  Probability p{1, 2};
  if (const auto text = find_param(parse_query(request.query()), "p")) {
    const auto parsed = parse_probability(*text);
    if (!parsed) return text_response(400, "invalid p (a decimal between 0 and 1)\n");
    p = *parsed;
  }
  const std::uint64_t k = state.flaky_sequence.fetch_add(1);
  if (floor_times(k + 1, p) > floor_times(k, p)) return text_response(500, "flaky failure\n");
  return text_response(200, "ok\n");
}

// /cached/<anything>: like a CDN edge, X-Cache: HIT, and MISS for every fourth answer.
Response cached_route(ServerState& state) {
  Response response = text_response(200, "cached\n");
  response.extra_headers.emplace_back("X-Cache", state.cache_sequence.fetch_add(1) % 4 == 0 ? "MISS" : "HIT");
  return response;
}

Response echo_route(const Request& request) {
  // Repeated headers are joined with ", " (RFC 9110 5.3); names keep their case.
  std::vector<std::pair<std::string_view, std::string>> headers;
  for (const HeaderView& field : request.headers) {
    auto same =
        std::find_if(headers.begin(), headers.end(), [&](const auto& seen) { return iequals(seen.first, field.name); });
    if (same == headers.end()) {
      headers.emplace_back(field.name, std::string(field.value));
    } else {
      same->second.append(", ").append(field.value);
    }
  }
  std::string json = "{\"method\": ";
  append_json_string(json, request.method);
  json += ", \"target\": ";
  append_json_string(json, request.target);
  json += ", \"headers\": {";
  for (std::size_t i = 0; i < headers.size(); ++i) {
    if (i > 0) json += ", ";
    append_json_string(json, headers[i].first);
    json += ": ";
    append_json_string(json, headers[i].second);
  }
  json += "}, \"body\": ";
  append_json_string(json, request.body);
  json += "}\n";
  return json_response(200, std::move(json));
}

Response with_connection(Response response, ConnectionAction action) {
  response.connection = action;
  return response;
}

Response uncounted(Response response) {
  response.counted = false;
  return response;
}

}  // namespace

Response malformed_request_response(int status, std::string_view reason) {
  return with_connection(text_response(status, std::string(reason) + "\n"), ConnectionAction::close_after_response);
}

Response handle_request(const Request& request, ServerState& state) {
  const std::string_view path = request.path();
  if (path == "/") return text_response(200, "hello\n");  // first: the hot path
  if (auto rest = after_prefix(path, "/status/")) return status_route(*rest);
  if (auto rest = after_prefix(path, "/delay/")) return delay_route(*rest);
  if (auto rest = after_prefix(path, "/bytes/")) return generated_route(*rest, 0);
  if (auto rest = after_prefix(path, "/chunked/")) return chunked_route(*rest, request);
  if (auto rest = after_prefix(path, "/redirect/")) return redirect_route(*rest);
  if (path == "/redirect-to") return redirect_to_route(request);
  if (path == "/cookies/set") return detail::cookies_set(request);
  if (path == "/cookies/check") return detail::cookies_check(request);
  if (path == "/echo") return echo_route(request);
  if (path == "/login") return detail::login(request, state);
  if (auto rest = after_prefix(path, "/basic-auth/")) return detail::basic_auth(request, *rest);
  if (path == "/flaky") return flaky_route(request, state);
  if (after_prefix(path, "/cached/")) return cached_route(state);
  if (path == "/peer") return text_response(200, std::string(request.peer_address));
  if (path == "/close") return with_connection(text_response(200, "bye\n"), ConnectionAction::close_after_response);
  if (path == "/drop") return with_connection(Response{}, ConnectionAction::drop_without_response);
  if (path == "/__counters") return uncounted(json_response(200, state.counters.to_json()));
  if (path == "/__counters/reset") {
    state.counters.reset();
    state.flaky_sequence = 0;
    state.cache_sequence = 0;
    return uncounted(json_response(200, "{\"reset\": true}\n"));
  }
  return text_response(404, "not found\n");
}

std::string_view route_list() {
  return "  /                      200 \"hello\" (the hot path)\n"
         "  /status/N              status N (200..599), \"status N\" (no body for 204 and 304)\n"
         "  /delay/MS              200 after MS milliseconds (0..300000)\n"
         "  /bytes/N               N bytes of application/octet-stream (0..100 MiB)\n"
         "  /chunked/N[?chunk=C]   the same, chunked in C-byte chunks (default 4096, at most 1 MiB)\n"
         "  /redirect/N            N 302 redirects in a row, then 200 \"redirected\"\n"
         "  /redirect-to?url=U     a redirect to U (&status=300..399, default 302)\n"
         "  /cookies/set?K=V       200 setting cookie K=V (each pair)\n"
         "  /cookies/check?K=V     200 when cookie K=V was sent (each pair), else 401\n"
         "  /echo                  200 JSON: method, target, headers (repeats joined), body\n"
         "  /login                 POST username/password (JSON or form): 200 JSON {id, user}\n"
         "                         and a session cookie; 401 without a password, 405 unless POST\n"
         "  /basic-auth/USER/PASS  200 JSON with HTTP Basic USER:PASS, else 401 with a challenge\n"
         "  /flaky[?p=P]           500 for exactly a fraction P (0..1, default 0.5) of the answers\n"
         "  /cached/ANY            200 with X-Cache: MISS every fourth answer, HIT otherwise\n"
         "  /peer                  200 with the client's address\n"
         "  /close                 200 \"bye\", then the connection closes\n"
         "  /drop                  the connection closes without an answer\n"
         "  /__counters            JSON: requests in total, by path and by status (not counted)\n"
         "  /__counters/reset      counters, /flaky and /cached start again (not counted)\n"
         "  anything else          404 \"not found\"\n";
}

}  // namespace demo_target
