#!/usr/bin/env python3
"""Quick check of the WAN rig (bench/wanrig.py), part of `make bench-smoke`. Needs root.

For 50 and 200 Mbit/s: the shaped uplink carries R x 1448/1514 of TCP payload (±5 %), the RTT of an
HTTP round trip through the latency proxy on the veth is the nominal one (±15 %, at least ±5 ms);
a client run through `ip netns exec` is measured as itself (peak RSS and CPU of a process that
allocates 150 MiB and burns 1 s of CPU); teardown leaves no namespace or veth behind. Not root:
prints why and exits 0 (1 under CI=true, where the bench runs as root).

    python3 bench/test_wan_rig.py [RATE_MBIT:RTT_MS ...]     # default 50:80 200:20
"""
import http.server
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import run_measured  # noqa: E402
import wanrig  # noqa: E402

HOG = "b = bytearray(150 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1\nimport time\nt = time.process_time()\n" \
      "while time.process_time() - t < 1.0: pass\n"


def http_server():
    class Quiet(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like S3Proxy

        def do_GET(self):
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv.server_address[1]


def check(rate, rtt, port, index, measure_client):
    failures = []
    rig = wanrig.WanRig(rate, rtt, port, index)
    try:
        rig.up()
        c = rig.self_check()
        print(f"wan{rate}m{rtt}: uplink {c['rate_mbit']:.1f} Mbit/s payload (expected "
              f"{rate * wanrig.PAYLOAD_SHARE:.1f}), RTT {c['rtt_ms']:.1f} ms via the proxy", flush=True)
        failures += [f"wan{rate}m{rtt}: {p}" for p in c["problems"]]
        if measure_client:
            m = run_measured([sys.executable, "-c", HOG], dict(os.environ), 60, prefix=rig.exec_prefix())
            print(f"client in the namespace: exit {m.exit_code}, peak RSS {m.peak_rss_mib:.0f} MiB, "
                  f"CPU {m.cpu_s:.2f} s", flush=True)
            if m.exit_code != 0 or not 150 <= m.peak_rss_mib <= 220 or not 0.95 <= m.cpu_s <= 2.0:
                failures.append(f"client measured through ip netns exec: exit {m.exit_code}, "
                                f"RSS {m.peak_rss_mib:.0f} MiB (expected 150-220), CPU {m.cpu_s:.2f} s (expected 1-2)")
    finally:
        rig.down()
    left = rig.leftovers()
    if left:
        failures.append(f"teardown left {', '.join(left)}")
    return failures


def main(argv):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("test_wan_rig.py: terminated (rigs torn down)"))
    why = wanrig.unavailable()
    if why:
        print(f"skip WAN rig check: {why}")
        return 1 if os.environ.get("CI") == "true" else 0
    cells = []
    for a in argv or ["50:80", "200:20"]:
        try:
            rate, rtt = (int(x) for x in a.split(":"))
        except ValueError:
            raise SystemExit(f"test_wan_rig.py: bad cell {a!r}, expected RATE_MBIT:RTT_MS like 50:80")
        cells.append((rate, rtt))
    port = http_server()
    failures = []
    for i, (rate, rtt) in enumerate(cells):
        failures += check(rate, rtt, port, i, measure_client=i == 0)
    for f in failures:
        print("FAIL:", f)
    print("WAN rig: OK" if not failures else "WAN rig: FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
