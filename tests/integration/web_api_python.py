#!/usr/bin/env python3
"""A script written against Locust's web API, run unchanged against locustpp.

Uses only Python's standard library (urllib), as a Locust user's own
automation would: start a swarm, watch /stats/requests, change the user
count, stop, download the CSV, reset. Exits non-zero with a message on the
first mismatch.

Usage: web_api_python.py LOCUSTPP DEMO_TARGET PLUGIN_SO
"""
import json
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def fail(message):
    print("FAIL:", message, file=sys.stderr)
    sys.exit(1)


def wait_for_line(stream, pattern, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        line = stream.readline()
        if not line:
            break
        match = re.search(pattern, line)
        if match:
            return match
    fail(f"no line matching {pattern!r}")


def until(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    fail("condition not met in time")


def main():
    locustpp, demo_target, plugin = sys.argv[1:4]
    target = subprocess.Popen([demo_target, "--port", "0", "--quiet"], stdout=subprocess.PIPE, text=True)
    try:
        target_url = wait_for_line(target.stdout, r"listening on (http://\S+)").group(1)
        runner = subprocess.Popen([locustpp, "-f", plugin, "-H", target_url, "-P", "0"],
                                  stderr=subprocess.PIPE, text=True)
        try:
            port = wait_for_line(runner.stderr, r"Starting web interface at http://127\.0\.0\.1:(\d+)").group(1)
            check_api(f"http://127.0.0.1:{port}", target_url)
            runner.send_signal(2)
            code = runner.wait(20)
            if code != 0:
                fail(f"exit code {code}")
        finally:
            runner.kill()
    finally:
        target.kill()
    print("web API answered a Locust script as Locust would")


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode()


def post_form(base, path, fields):
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(base + path, data=data, timeout=10) as response:
        return json.loads(response.read())


def stats(base):
    return json.loads(get(base, "/stats/requests")[2])


def check_api(base, target_url):
    if stats(base)["state"] != "ready":
        fail("not waiting in ready")
    answer = post_form(base, "/swarm", {"user_count": 3, "spawn_rate": 50, "host": target_url})
    if answer != {"success": True, "message": "Swarming started", "host": target_url}:
        fail(f"swarm answered {answer}")
    until(lambda: stats(base)["state"] == "running" and stats(base)["user_count"] == 3)
    until(lambda: stats(base)["stats"][-1]["num_requests"] > 100)
    report = stats(base)
    row = next(r for r in report["stats"] if r["name"] == "/")
    for key in ("method", "num_requests", "num_failures", "min_response_time", "max_response_time", "current_rps",
                "current_fail_per_sec", "avg_response_time", "median_response_time", "total_rps",
                "total_fail_per_sec", "response_time_percentile_0.95", "response_time_percentile_0.99",
                "avg_content_length"):
        if key not in row:
            fail(f"row without {key}: {row}")
    if report["fail_ratio"] != 0 or report["errors"]:
        fail(f"unexpected failures: {report['errors']}")

    post_form(base, "/swarm", {"user_count": 1, "spawn_rate": 50})
    until(lambda: stats(base)["user_count"] == 1)

    stop = json.loads(get(base, "/stop")[2])
    if stop != {"success": True, "message": "Test stopped"}:
        fail(f"stop answered {stop}")
    until(lambda: stats(base)["state"] == "stopped")

    status, headers, body = get(base, "/stats/requests/csv")
    if status != 200 or not headers["Content-Disposition"].startswith("attachment;filename=Locust_"):
        fail(f"CSV download: {status} {headers}")
    rows = body.splitlines()
    if not rows[0].startswith("Type,Name,Request Count") or not rows[-1].startswith(",Aggregated,"):
        fail(f"CSV content: {rows[:1]} ... {rows[-1:]}")
    aggregated = int(rows[-1].split(",")[2])
    if aggregated != stats(base)["stats"][-1]["num_requests"]:
        fail("CSV and /stats/requests disagree")

    if get(base, "/stats/reset")[2] != "ok":
        fail("reset did not answer ok")
    if stats(base)["stats"][-1]["num_requests"] != 0:
        fail("reset kept requests")


if __name__ == "__main__":
    main()
