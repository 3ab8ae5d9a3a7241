#!/usr/bin/env python3
"""Tiny traffic helpers run inside the WAN rig's client namespace (standard library only).

    python3 bench/wan_probe.py send HOST PORT SECONDS   # bulk TCP send (shaped-rate check, probe flow)
    python3 bench/wan_probe.py rtt HOST PORT N          # N HTTP round trips through the latency proxy

`send` writes zeros as fast as TCP takes them for SECONDS (0 = until killed) and prints the bytes
sent. `rtt` sends N bare `GET /` requests (S3Proxy answers 403) one after the other on one keep-alive
connection and times each until its status line; it prints the times in ms, one line, space-separated.
"""
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
    s = f = None
    for _ in range(n):
        if s is None:  # (re)connect: the first request, or the server closed the last connection
            s = socket.create_connection((host, port), timeout=30)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            f = s.makefile("rb")
        t0 = time.monotonic()
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        status = f.readline()
        if not status:
            raise SystemExit("rtt: connection closed before a response")
        out.append((time.monotonic() - t0) * 1000)
        length, close = 0, status.startswith(b"HTTP/1.0")
        while True:  # headers, then the body, so that the next request starts clean
            line = f.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
            elif name.strip().lower() == b"connection" and value.strip().lower() == b"close":
                close = True
        f.read(length)
        if close:
            f.close()
            s.close()
            s = None
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
