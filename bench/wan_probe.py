#!/usr/bin/env python3
"""Tiny traffic helpers run inside the WAN rig's client namespace (standard library only).

    python3 bench/wan_probe.py send HOST PORT SECONDS   # bulk TCP send (shaped-rate check, probe flow)
    python3 bench/wan_probe.py rtt HOST PORT N          # N HTTP round trips through the latency proxy

`send` writes zeros as fast as TCP takes them for SECONDS (0 = until killed) and prints the bytes
sent. `rtt` sends N bare `GET /` requests (S3Proxy answers 403) one after the other on one keep-alive
connection (http.client) and times each until its status line and headers are in; it prints the times in ms, one line, space-separated.
"""
import http.client
import signal
import socket
import sys
import time


def send(host, port, seconds):
    buf = bytes(1 << 20)
    sent = 0
    stop = [False]
    signal.signal(signal.SIGTERM, lambda *_: stop.__setitem__(0, True))
    with socket.create_connection((host, port), timeout=30) as s:
        deadline = time.monotonic() + seconds if seconds > 0 else float("inf")
        while not stop[0] and time.monotonic() < deadline:
            try:
                sent += s.send(buf)
            except InterruptedError:
                continue
            except OSError:
                break
    print(sent, flush=True)


def rtt(host, port, n):
    out = []
    conn = http.client.HTTPConnection(host, port, timeout=30)  # keep-alive; reconnects if the server closes
    for _ in range(n):
        t0 = time.monotonic()
        conn.request("GET", "/")
        r = conn.getresponse()  # returns once the status line and headers are in
        out.append((time.monotonic() - t0) * 1000)
        r.read()
    conn.close()
    print(" ".join(f"{x:.2f}" for x in out), flush=True)


def main(argv):
    if len(argv) != 4 or argv[0] not in ("send", "rtt"):
        raise SystemExit("usage: wan_probe.py send HOST PORT SECONDS | rtt HOST PORT N")
    try:
        port, num = int(argv[2]), float(argv[3])
    except ValueError:
        raise SystemExit(f"wan_probe.py: PORT and SECONDS/N must be numbers, got {argv[2]!r} {argv[3]!r}")
    if argv[0] == "send":
        send(argv[1], port, num)
    else:
        rtt(argv[1], port, int(num))


if __name__ == "__main__":
    main(sys.argv[1:])
