#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/).

The seeds are small valid and near-valid inputs, written out here so that
each one says what it is; the MessagePack ones are encoded by python3-msgpack
(Debian's python3-msgpack), as a Python Locust node encodes them. The output
is committed: `make fuzz` only reads it. Run this again after changing it:

    /usr/bin/python3 fuzz/make_seeds.py

Every target whose input starts with a mode byte (see its fuzz_<name>.cpp)
gets it here as the first byte.
"""
import hashlib
import os
import shutil

import msgpack

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def pack(value):
    return msgpack.packb(value, use_bin_type=True)


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data.encode("latin-1") if isinstance(data, str) else data)


# ---- response_parser: a mode byte (piece size - 1 in the low 6 bits, 0x40
# for an answer to HEAD), then what a target sends ------------------------------
def responses():
    whole, bytewise, head = "?", "\x00", "@"
    yield "content_length", whole, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello"
    yield "chunked", "\x06", ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
    yield "continue_then_201", "\x03", ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
                                        "Location: /items/7\r\nContent-Length: 0\r\n\r\n")
    yield "http10_until_close", bytewise, "HTTP/1.0 200 OK\nServer: old\n\nbody until the connection closes"
    yield "http10_keep_alive", whole, ("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n"
                                       "Content-Length: 2\r\n\r\nok")
    yield "not_modified", whole, "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\nETag: \"x\"\r\n\r\n"
    yield "folded_and_cookies", "\x0f", ("HTTP/1.1 302 Found\r\nLocation: http://other.test/next\r\n"
                                         "Set-Cookie: session=abc; Path=/; HttpOnly\r\n"
                                         "Set-Cookie: theme=dark; Max-Age=3600\r\n"
                                         "X-Folded: first\r\n  second\r\nConnection: close\r\n\r\n")
    yield "head", head, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
    yield "bad_status", whole, "HTTP/1.1 abc Broken\r\n\r\n"
    yield "http2_status", whole, "HTTP/2.0 200 OK\r\n\r\n"
    yield "bad_chunk", whole, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    yield "cut_short", whole, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 50\r\n\r\npartial"
    yield "no_colon_lines", whole, "HTTP/1.1 404 Not Found\r\nno colon here\r\n\r\r\nX: y\r\nContent-Length: 0\r\n\r\n"


# ---- url: "base\nreference" ---------------------------------------------------
URLS = {
    "relative": "http://shop.test:8080/dir/page?q=1\n../other?x=y",
    "absolute_reference": "http://shop.test/\nhttps://api.shop.test:8443/v1/items#frag",
    "scheme_relative": "https://[::1]:8443/\n//other.test/path",
    "userinfo": "http://bob:s%40cret@Example.TEST/a/./b/../c\n?page=2",
    "requote": "http://h/\n/a b/caf\xc3\xa9?q=x y&r=\"<>\"&kept=%20&bad=%zz",
    "dots": "http://h/a/b/c\n../../../../x/./y/",
}

# ---- form_decoding: a form body or a query string -----------------------------
FORMS = {
    "swarm": "user_count=10&spawn_rate=2.5&host=http%3A%2F%2Flocalhost%3A8080&run_time=1m30s"
             "&user_classes=WebUser&user_classes=ApiUser",
    "login": "username=admin&password=p%40ss+word%21",
    "report_query": "download=1&theme=dark",
    "near_valid": "a=%zz&b=%4&=&&c&d=%E2%82%AC+%2B",
}

# ---- cookies: "host\npath\n" then one Set-Cookie value a line -----------------
COOKIES = {
    "attributes": "shop.test\n/login\nsession=abc; Path=/; HttpOnly; SameSite=Lax\n"
                  "theme=dark; Expires=Wed, 21 Oct 2037 07:28:00 GMT\n"
                  "wide=1; Domain=.shop.test; Secure\nold=; Max-Age=0\n",
    "dates": "www.example.test\n/a/b\nrfc850=1; expires=Wednesday, 21-Oct-37 07:28:00 GMT\n"
             "asctime=1; Expires=Wed Oct 21 07:28:00 2037\npast=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT\n"
             "both=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60\nhuge=1; Max-Age=99999999999999999999\n",
    "refused": "h.test\n/\nnovalue\n=noname\nforeign=1; Domain=other.test\n",
}


# ---- MessagePack: Locust's reports and messages, as Python nodes send them ----
def locust_entry(name, method, requests, failures):
    """A StatsEntry.serialize() of Locust 2.x: times in ms, seconds as ints."""
    return {
        "name": name, "method": method, "last_request_timestamp": 1767225603.25, "start_time": 1767225600.5,
        "num_requests": requests, "num_none_requests": 0, "num_failures": failures,
        "total_response_time": 12.5 * requests, "max_response_time": 40.0,
        "min_response_time": 3.0 if requests else None, "total_content_length": 512 * requests,
        "response_times": {3: requests // 2, 12: requests - requests // 2 - 1, 40: 1} if requests else {},
        "num_reqs_per_sec": {1767225600: requests // 2, 1767225601: requests - requests // 2} if requests else {},
        "num_fail_per_sec": {1767225601: failures} if failures else {},
    }


def locust_report():
    key = hashlib.sha256(b"GET./items.'boom'").hexdigest()
    return {
        "stats": [locust_entry("/items", "GET", 10, 2), locust_entry("/login", "POST", 3, 0)],
        "stats_total": locust_entry("Aggregated", "", 13, 2),
        "errors": {key: {"name": "/items", "method": "GET", "error": "HTTPError('500 Server Error')",
                         "occurrences": 2}},
        "user_count": 5, "user_classes_count": {"WebUser": 3, "ApiUser": 2},
    }


def locustpp_report():
    """Ours adds the exact histogram and the exceptions, which Locust ignores."""
    entry = locust_entry("/items", "GET", 4, 1)
    # latency_histogram::bucket_index(3 ms) and (40 ms)
    entry["locustpp_histogram"] = {"buckets": [1051, 2, 1292, 2], "sum_ns": 50_000_000,
                                   "min_ns": 3_000_000, "max_ns": 40_000_000}
    return {
        "stats": [entry], "stats_total": locust_entry("Aggregated", "", 4, 1),
        "errors": {hashlib.sha256(b"GET./items.'x'").hexdigest():
                   {"name": "/items", "method": "GET", "error": "x", "occurrences": 1,
                    "first_seen": 1767225600.0, "last_seen": 1767225601.0}},
        "locustpp_exceptions": [{"msg": "ValueError: bad", "traceback": "Traceback: here", "count": 2}],
        "locustpp_seq": 7,
    }


def near_valid_reports():
    """Each refused, for one reason (the last two found by fuzz_stats_report)."""
    entry = locust_entry("/items", "GET", 5, 9)
    yield "more_failures_than_requests", {"stats": [entry], "errors": {}, "stats_total": entry}
    report = locustpp_report()
    report["stats"][0]["locustpp_histogram"]["buckets"] = [120, 2, 300, 2]  # ~120 ns and ~300 ns, min 3 ms
    yield "histogram_outside_min_max", report
    entry = locust_entry("/a", "GET", 3, 0)
    entry["num_reqs_per_sec"] = {1767225600: 3, 1767225600.5: 3}  # one second, 6 of 3 requests
    yield "seconds_past_requests", {"stats": [entry]}


def msgpack_values():
    yield "scalars", pack([None, True, False, 0, 127, -32, -33, 255, 65536, 2**63 + 5, -2**40, 1.5, "text",
                            b"\x00\x01bytes"])
    yield "nested", pack({"map": {"list": [[1, [2, [3]]], {}], 7: "int key"}, "": []})
    yield "float32", b"\xca\x3f\xc0\x00\x00"
    yield "str16_bin32", b"\xda\x00\x03abc" + b"\xc6\x00\x00\x00\x01z"
    yield "truncated", pack({"a": "long string"})[:-3]
    yield "claims_too_many", b"\xdd\xff\xff\xff\xff\xc0"
    yield "trailing_bytes", pack(1) + b"\xc0"
    yield "ext_type", b"\xd4\x01\x02"


def messages():
    """(name, first byte: bit 0 to_worker, bit 1 a module handles the type; message)."""
    to_master, to_worker, module = b"\x00", b"\x01", b"\x02"
    node = "worker_1_abcdef"
    yield "client_ready", to_master, ["client_ready", "2.32.0", node]
    yield "heartbeat", to_master, ["heartbeat", {"state": "running", "current_cpu_usage": 12.5,
                                                 "current_memory_usage": 123456789}, node]
    yield "stats", to_master, ["stats", locust_report(), node]
    yield "exception", to_master, ["exception", {"msg": "ValueError: bad", "traceback": "Traceback: here"}, node]
    yield "spawn", to_worker, ["spawn", {"timestamp": 1767225600.0, "user_classes_count": {"WebUser": 3},
                                         "host": "http://shop.test", "stop_timeout": None,
                                         "parsed_options": {"users": 3, "my-argument": "x"}}, node]
    yield "ack", to_worker, ["ack", {"index": 0, "locustpp_token": "t0k3n"}, node]
    yield "custom", module, ["test_users", [{"name": "ann", "id": 7}], node]
    yield "wrong_shape", to_master, ["heartbeat", {}]


# ---- config_file: '0' then a locust.conf, '1' then a pyproject.toml -----------
LOCUST_CONF = """# a locust.conf in every form configargparse reads
; another comment
[locust]
locustfile = locustfile.so
host = "http://shop.test:8080/#frag"
users = 50
spawn-rate: 2.5
run-time 1h30m
headless
tags = [checkout, search]
exclude-tags = slow
csv = report  # inline comment
web-auth = admin:secret
loglevel = DEBUG
"""

PYPROJECT = """[project]
name = "shop-load-test"

[tool.locust]
locustfile = "locustfile.so"
host = 'http://shop.test'
users = 50
spawn-rate = 2.5
headless = true
tags = [
  "checkout",  # a comment
  "search",
]
"run-time" = "10m"
csv = "report\\tname"

[tool.other]
users = "not ours"
"""

CONFIG_NEAR_VALID = {
    "conf_bad_values": "0users = many\nspawn-rate = -1\nrun-time = 3 fortnights\n",
    "conf_unknown_key": "0usres = 5\n",
    "conf_no_key": "0= 5\n",
    "toml_inline_table": "1[tool.locust]\nhost = {url = \"x\"}\n",
    "toml_unterminated": "1[tool.locust]\ntags = [\"a\",\n",
    "toml_bad_escape": "1[tool.locust]\nhost = \"a\\qb\"\n",
}


# ---- web_request: a mode byte (bits 0-1 the login: none, --web-auth,
# --web-login, both; 4 --web-base-path /locust; 8 --web-host 0.0.0.0; 16
# --web-allowed-hosts; 32 --class-picker; 64 HTTPS; 128 --host), then what
# one connection sends ----------------------------------------------------------
def http_request(method, target, headers=(), body=""):
    lines = [f"{method} {target} HTTP/1.1", *headers]
    if body:
        lines.append(f"Content-Length: {len(body.encode('latin-1'))}")
    return "\r\n".join(lines) + "\r\n\r\n" + body


LOCAL = "Host: localhost:8089"
FORM = "Content-Type: application/x-www-form-urlencoded"
BASIC = "Authorization: Basic YWRtaW46c2VjcmV0"  # admin:secret


def web_requests():
    plain, web_auth, web_login, both = 0, 1, 2, 3
    base_path, anywhere, allowed, picker, https, host = 4, 8, 16, 32, 64, 128
    yield "page_and_stats", plain, [http_request("GET", "/", [LOCAL]),
                                    http_request("GET", "/stats/requests", ["Host: 127.0.0.1:8089"])]
    yield "swarm_then_stop", plain, [
        http_request("POST", "/swarm", [LOCAL, FORM],
                     "user_count=3&spawn_rate=1.5&host=http%3A%2F%2Fshop.test&run_time=1m&shop-size=100"),
        http_request("GET", "/stats/requests", [LOCAL]), http_request("GET", "/tasks", [LOCAL]),
        http_request("GET", "/stop", [LOCAL]), http_request("GET", "/stats/reset", [LOCAL])]
    yield "swarm_classes", picker | host, [
        http_request("POST", "/swarm", [LOCAL, FORM],
                     "user_count=2&spawn_rate=9&user_classes=WebUser&user_classes=Nobody&shop-size=7"),
        http_request("POST", "/swarm", [LOCAL, FORM],
                     "user_count=2&spawn_rate=9&user_classes=WebUser&user_classes=ApiUser&shop-size=100")]
    yield "user_class", plain, [http_request(
        "POST", "/user", [LOCAL, "Content-Type: application/json"],
        '{"user_class_name": "WebUser", "weight": 3, "fixed_count": 1, "host": "http://a.test", '
        '"tasks": ["index"]}')]
    yield "downloads", https, [http_request("GET", t, [LOCAL]) for t in (
        "/stats/report?download=1&theme=dark", "/stats/requests/csv", "/stats/failures/csv", "/exceptions/csv",
        "/stats/requests_full_history/csv", "/exceptions", "/logs", "/worker-count", "/stats/history")]
    yield "web_auth", web_auth, [
        http_request("GET", "/", [LOCAL]), http_request("GET", "/stats/requests", [LOCAL, BASIC]),
        http_request("GET", "/stats/requests", [LOCAL, "Authorization: Basic d3Jvbmc6cGFzcw=="]),
        http_request("POST", "/login", [LOCAL, FORM], "username=admin&password=secret"),
        http_request("GET", "/login", [LOCAL, "Cookie: locustpp_login_message=eInvalid+username"]),
        http_request("GET", "/logout", [LOCAL, "Cookie: locustpp_session=abc; other=1"])]
    yield "module_login", web_login, [
        http_request("GET", "/login", [LOCAL]),
        http_request("POST", "/auth/callback", [LOCAL, FORM, "Sec-Fetch-Site: cross-site", "Origin: null"],
                     "username=admin"),
        http_request("POST", "/auth/callback", [LOCAL, FORM, "Sec-Fetch-Site: same-origin"], "username=admin"),
        http_request("POST", "/auth/callback", [LOCAL, FORM, "Sec-Fetch-Site: same-origin"], "username=eve"),
        http_request("GET", "/auth/sso?code=1&state=x", [LOCAL, "Sec-Fetch-Site: cross-site",
                                                          "Sec-Fetch-Mode: navigate"])]
    yield "both_logins", both, [http_request("GET", "/", [LOCAL, "Sec-Fetch-Site: cross-site",
                                                          "Sec-Fetch-Mode: navigate"]),
                                http_request("POST", "/swarm", [LOCAL, FORM, BASIC], "user_count=1")]
    yield "proxy_base_path", base_path | https | anywhere | allowed, [
        http_request("POST", "/locust/swarm", ["Host: locust.example.com", FORM,
                                               "Origin: https://locust.example.com", "Sec-Fetch-Site: same-origin",
                                               "X-Forwarded-Proto: https"], "user_count=1&spawn_rate=1"),
        http_request("GET", "/locust", ["Host: locust.example.com"]),
        http_request("GET", "/other", ["Host: locust.example.com"])]
    yield "hosts", anywhere | allowed, [http_request("GET", "/", [h]) for h in (
        "Host: evil.test", "Host: a.svc.test:80", "Host: [::1]:8089", "Host: 10.0.0.7:8089", "Host: LOCALHOST")]
    yield "cross_origin", anywhere, [
        http_request("POST", "/swarm", [LOCAL, FORM, "Origin: http://evil.test", "Sec-Fetch-Site: cross-site"],
                     "user_count=5"),
        http_request("POST", "/swarm", [LOCAL, "Content-Type: text/plain"], "user_count=5"),
        http_request("GET", "/stop", [LOCAL, "Sec-Fetch-Site: same-site"]),
        http_request("DELETE", "/stats/reset", [LOCAL, "Origin: http://localhost:8089"])]
    yield "module_route", base_path, [
        http_request("GET", "/locust/echo/x?status=299&header=X-A:b&redirect=/y", [LOCAL]),
        http_request("GET", "/locust/echo?fail=1", [LOCAL]),
        http_request("GET", "/locust/echo?status=1000&header=X-B:a%0D%0Ab", [LOCAL]),
        "POST /locust/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n0\r\n\r\n"]
    yield "near_valid", plain, ["GET /%zz?&&=& HTTP/1.1\r\nHost: localhost\r\nHost: evil.test\r\n\r\n"
                                "POST /swarm HTTP/1.0\r\nContent-Length: 3\r\n\r\nab"]
    yield "bad_request_line", plain, ["GET / HTTP/9.9\r\n\r\n"]


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    for name, mode, wire in responses():
        write("response_parser", name, mode + wire)
    for name, text in URLS.items():
        write("url", name, text)
    for name, text in FORMS.items():
        write("form_decoding", name, text)
    for name, text in COOKIES.items():
        write("cookies", name, text)
    for name, data in msgpack_values():
        write("msgpack", name, data)
    write("msgpack", "locust_report", pack(locust_report()))
    write("stats_report", "locust_report", pack(locust_report()))
    write("stats_report", "locustpp_report", pack(locustpp_report()))
    for name, report in near_valid_reports():
        write("stats_report", name, pack(report))
    write("stats_report", "empty", pack({"stats": [], "errors": {}}))
    for name, mode, message in messages():
        write("cluster_message", name, mode + pack(message))
    write("config_file", "locust_conf", "0" + LOCUST_CONF)
    write("config_file", "pyproject_toml", "1" + PYPROJECT)
    for name, text in CONFIG_NEAR_VALID.items():
        write("config_file", name, text)
    for name, mode, requests in web_requests():
        write("web_request", name, chr(mode) + "".join(requests))


if __name__ == "__main__":
    main()
