"""Hostile peers of a locustpp master, for cluster_hostile_test.cpp: Locust's
protocol spoken with pyzmq and msgpack, badly on purpose.
Usage: python3 hostile_peer.py PORT MODE [ARG]
  huge            a stranger sends one 100 MiB frame, then one of 60 MiB
  flood SECONDS   a stranger floods heartbeats, and a second node becomes a
                  worker (client_ready) and floods heartbeats, both for SECONDS
  impostor ID     a node with worker ID's routing id says client_ready, sends
                  heartbeats, a report, spawning_complete and quit
  numbers         a worker that reports numbers out of range
  knock [KEY]     a node says client_ready and waits 3 s for an answer; with
                  KEY (the master's public key, Z85) over CURVE with a key
                  pair of its own. Prints "answered" or "no answer"
Prints "done" when it has sent everything."""
import sys
import time

import msgpack
import zmq

port, mode = sys.argv[1], sys.argv[2]
argument = sys.argv[3] if len(sys.argv) > 3 else None
context = zmq.Context()


def dealer(identity):
    sock = context.socket(zmq.DEALER)
    sock.setsockopt(zmq.IDENTITY, identity.encode())
    sock.setsockopt(zmq.LINGER, 2000)
    sock.setsockopt(zmq.SNDHWM, 0)
    sock.connect(f"tcp://127.0.0.1:{port}")
    return sock


def message(kind, data, node_id):
    return msgpack.packb([kind, data, node_id])


def entry(name, requests, failures):
    return {"name": name, "method": "GET", "last_request_timestamp": time.time(), "start_time": time.time() - 1,
            "num_requests": requests, "num_none_requests": 0, "num_failures": failures,
            "total_response_time": 1.0 * requests, "max_response_time": 1.0, "min_response_time": 1.0,
            "total_content_length": 0, "response_times": {1: requests},
            "num_reqs_per_sec": {int(time.time()): requests}, "num_fail_per_sec": {}}


def answer_from(sock, kind, seconds=10):
    """Waits for a message of `kind` from the master (a readiness signal, not a sleep)."""
    deadline = time.time() + seconds
    while sock.poll(max(0, int((deadline - time.time()) * 1000))):
        if msgpack.unpackb(sock.recv(), raw=False)[0] == kind:
            return
    sys.exit(f"no {kind} from the master in {seconds} s")


def report(entries, counts):
    return {"stats": entries, "stats_total": entry("Aggregated", 0, 0), "errors": {},
            "user_classes_count": counts, "user_count": 0}


if mode == "huge":
    stranger = dealer("stranger_huge")
    stranger.send(b"\x93\xa5stats" + b"\xc0" * (100 << 20))  # one nil after another: 100 MiB
    time.sleep(1)
    stranger.send(b"\x93\xa5stats" + b"\xc0" * (60 << 20))
    time.sleep(2)
elif mode == "flood":
    seconds = float(argument)
    stranger = dealer("stranger_flood")
    worker = dealer("flooding_worker")
    worker.send(message("client_ready", -1, "flooding_worker"))
    beat = {"state": "ready", "current_cpu_usage": 1.0, "current_memory_usage": 1000}
    from_stranger = message("heartbeat", beat, "stranger_flood")
    from_worker = message("heartbeat", beat, "flooding_worker")
    until = time.time() + seconds
    while time.time() < until:
        for _ in range(1000):
            stranger.send(from_stranger)
            worker.send(from_worker)
elif mode == "impostor":
    node = argument
    impostor = dealer(node)
    impostor.send(message("client_ready", -1, node))
    for _ in range(5):
        impostor.send(message("heartbeat", {"state": "missing", "current_cpu_usage": 1.0}, node))
        impostor.send(message("stats", report([entry("/forged", 1000000, 0)], {"Reader": 999}), node))
        impostor.send(message("spawning_complete", {"user_classes_count": {"Reader": 999}}, node))
        time.sleep(0.2)
    impostor.send(message("quit", None, node))
    time.sleep(1)
elif mode == "numbers":
    node = "numbers_worker"
    worker = dealer(node)
    worker.send(message("client_ready", -1, node))
    answer_from(worker, "ack")  # the master took this worker in: its reports are heard from then on
    worker.send(message("heartbeat", {"state": "running", "current_cpu_usage": 1.0}, node))
    worker.send(message("spawning_complete", {"user_classes_count": {"Reader": 2 ** 64 - 1}}, node))
    worker.send(message("stats", report([entry("/more-failures", 3, 5)], {"Reader": 1}), node))
    worker.send(message("stats", report([entry("/huge", 2 ** 63, 0)], {"Reader": 1}), node))
    worker.send(message("stats", report([entry("/nan", 1, 0) | {"max_response_time": float("nan")}], {"Reader": 1}),
                        node))
    worker.send(message("stats", report([entry("/fine", 7, 1)], {"Reader": 1}), node))
    for _ in range(8):
        worker.send(message("heartbeat", {"state": "running", "current_cpu_usage": 1.0}, node))
        time.sleep(0.5)
    worker.send(message("quit", None, node))
    time.sleep(1)
elif mode == "knock":
    node = "knocking_node"
    sock = context.socket(zmq.DEALER)
    sock.setsockopt(zmq.IDENTITY, node.encode())
    sock.setsockopt(zmq.LINGER, 0)
    if argument:
        public, secret = zmq.curve_keypair()
        sock.setsockopt(zmq.CURVE_SERVERKEY, argument.encode())
        sock.setsockopt(zmq.CURVE_PUBLICKEY, public)
        sock.setsockopt(zmq.CURVE_SECRETKEY, secret)
    sock.connect(f"tcp://127.0.0.1:{port}")
    sock.send(message("client_ready", -1, node))
    answered = sock.poll(3000) != 0
    print("answered" if answered else "no answer", flush=True)
print("done", flush=True)
