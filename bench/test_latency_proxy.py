#!/usr/bin/env python3
"""Quick check of bench/LatencyProxy.java against a local echo server.

Asserts: one small round trip takes ~RTT; ten requests sent back to back (pipelined) come back in
~RTT, not 10 x RTT; with a bandwidth cap, 1 MiB at 16 Mbit/s takes ~0.5 s one way. Exit 0 if all hold.

    python3 bench/test_latency_proxy.py
"""
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import start_latency_proxy  # noqa: E402


def echo_server():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)

    def serve(conn):
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)

    def accept():
        while True:
            conn, _ = srv.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return srv.getsockname()[1]


def recv_exactly(sock, n):
    got = 0
    while got < n:
        chunk = sock.recv(min(65536, n - got))
        if not chunk:
            raise EOFError("connection closed")
        got += len(chunk)


def main():
    port = echo_server()
    failures = []

    proxy = start_latency_proxy(port, rtt_ms=80)
    try:
        with socket.create_connection(("127.0.0.1", proxy.port)) as s:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.sendall(b"x")
            recv_exactly(s, 1)  # warm-up (JIT, thread start)
            t0 = time.monotonic()
            s.sendall(b"ping")
            recv_exactly(s, 4)
            one = time.monotonic() - t0
            t0 = time.monotonic()
            for _ in range(10):
                s.sendall(b"0123456789")
                time.sleep(0.005)
            recv_exactly(s, 100)
            ten = time.monotonic() - t0
        print(f"round trip at 80 ms RTT: {one * 1000:.1f} ms; 10 pipelined over 50 ms: {ten * 1000:.1f} ms")
        if not 0.075 <= one <= 0.110:
            failures.append(f"single round trip {one * 1000:.1f} ms, expected ~80")
        if not 0.120 <= ten <= 0.170:
            failures.append(f"pipelined round trips {ten * 1000:.1f} ms, expected ~130 (45 ms sending + 80)")
    finally:
        proxy.stop()

    proxy = start_latency_proxy(port, rtt_ms=0, bandwidth_mbit=16)
    try:
        with socket.create_connection(("127.0.0.1", proxy.port)) as s:
            payload = os.urandom(1 << 20)
            t0 = time.monotonic()
            threading.Thread(target=s.sendall, args=(payload,), daemon=True).start()
            recv_exactly(s, len(payload))
            took = time.monotonic() - t0
        # 1 MiB at 16 Mbit/s is 0.52 s each way; the echo crosses the cap twice but overlapped.
        print(f"1 MiB echo at 16 Mbit/s cap: {took:.2f} s")
        if not 0.45 <= took <= 1.3:
            failures.append(f"bandwidth cap: 1 MiB took {took:.2f} s, expected ~0.5-1.1")
    finally:
        proxy.stop()

    for f in failures:
        print("FAIL:", f)
    print("latency proxy: OK" if not failures else "latency proxy: FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
