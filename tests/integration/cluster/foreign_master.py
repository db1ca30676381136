"""A foreign master for cluster_test.cpp: Locust's protocol spoken with pyzmq and
msgpack only (no locust, no locustpp), to check what a locustpp worker sends.
Usage: python3 foreign_master.py PORT TARGET_URL
Prints one line per finding; the test compares them."""
import sys
import time

import msgpack
import zmq

port, target = sys.argv[1], sys.argv[2]
sock = zmq.Context().socket(zmq.ROUTER)
sock.setsockopt(zmq.RCVTIMEO, 15000)
sock.setsockopt(zmq.ROUTER_HANDOVER, 1)  # the worker's new socket after `reconnect` takes its identity over
sock.bind(f"tcp://127.0.0.1:{port}")
print("listening", flush=True)


def receive():
    identity, payload = sock.recv_multipart()  # exactly one frame after the identity
    message = msgpack.unpackb(payload, raw=False, strict_map_key=False)
    assert len(message) == 3, message
    kind, data, node_id = message
    assert node_id == identity.decode(), (node_id, identity)
    return identity, kind, data


def send(identity, kind, data):
    sock.send_multipart([identity, msgpack.packb([kind, data, identity.decode()])])


identity, kind, data = receive()
print(f"first {kind} {data}")
send(identity, "ack", {"index": 7})
now = time.time()
options = {"host": target, "num_users": 2, "spawn_rate": 2.0, "tags": [], "user_classes": [], "run_time": None}
send(identity, "spawn", {"timestamp": now, "user_classes_count": {"Reader": 2}, "host": target,
                         "stop_timeout": None, "parsed_options": options})
# Older than the last one: must be discarded.
send(identity, "spawn", {"timestamp": now - 10, "user_classes_count": {"Reader": 0}, "host": target,
                         "stop_timeout": None, "parsed_options": options})
# Locust's answer to a garbled message: the worker opens a new socket with the same identity and goes on.
send(identity, "reconnect", None)

counts, heartbeat, report, completes = {}, None, None, []
while time.time() < now + 7:
    _, kind, data = receive()
    counts[kind] = counts.get(kind, 0) + 1
    if kind == "heartbeat":
        heartbeat = data
    elif kind == "spawning_complete":
        completes.append(data["user_count"])
    elif kind == "stats" and data["stats"]:
        report = data
print(f"spawning {counts.get('spawning', 0)}")
print(f"spawning_complete {completes}")
print(f"heartbeat keys {sorted(heartbeat)} state {heartbeat['state']}")
print(f"heartbeat numbers {heartbeat['current_cpu_usage'] >= 0} {heartbeat['current_memory_usage'] > 1000000}")
entry = report["stats"][0]
locust_keys = ["last_request_timestamp", "max_response_time", "method", "min_response_time", "name",
               "num_fail_per_sec", "num_failures", "num_none_requests", "num_reqs_per_sec", "num_requests",
               "response_times", "start_time", "total_content_length", "total_response_time"]
print(f"entry has Locust's keys {all(key in entry for key in locust_keys)}")
print(f"histogram keys are ints {all(isinstance(key, int) for key in entry['response_times'])}")
print(f"per-second keys are ints {all(isinstance(key, int) for key in entry['num_reqs_per_sec'])}")
total = report["stats_total"]
print(f"total is the sum {total['num_requests'] == sum(e['num_requests'] for e in report['stats'])}")
print(f"user_classes_count {report['user_classes_count']} user_count {report['user_count']}")

# Stop: client_stopped, then client_ready again, and an ack brings it back.
send(identity, "stop", None)
sequence = []
while "client_ready" not in sequence:
    _, kind, _ = receive()
    if kind != "heartbeat":
        sequence.append(kind)
print(f"after stop {sequence}")
send(identity, "ack", {"index": 7})

# Quit: a last report, then quit.
send(identity, "quit", None)
sequence = []
while "quit" not in sequence:
    _, kind, _ = receive()
    if kind != "heartbeat":
        sequence.append(kind)
print(f"after quit {sequence}")
