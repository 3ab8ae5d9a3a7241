#!/usr/bin/env python3
"""Quick check of the WAN rig (bench/wanrig.py), part of `make bench-smoke`. Needs root.

For 50 and 200 Mbit/s: the shaped uplink carries R x 1448/1514 of TCP payload (±5 %), the RTT of an
HTTP round trip through the latency proxy on the veth is the nominal one (±15 %, at least ±5 ms);
a client run through `ip netns exec` is measured as itself (peak RSS and CPU of a process that
allocates 150 MiB and burns 1 s of CPU); the shaper and its queue are at the router, not in the
client's stack (see check_queue_at_router); teardown leaves no namespace, veth or route behind. Not root:
prints why and exits 0 (1 under CI=true, where the bench runs as root).

    python3 bench/test_wan_rig.py [RATE_MBIT:RTT_MS ...]     # default 50:80 200:20
"""
import http.server
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

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


def check_queue_at_router(rig):
    """HTB and its bfifo on the router's egress, none on the client's veth; and while a loss-based
    (Reno) bulk flow keeps the shaping queue full, the sending socket is not charged for that queue:
    its skmem `t` (bytes handed below TCP and not yet freed) stays under a quarter of the queue. With
    the shaper in the client's own qdisc (the rig before 2026-12-01) TSQ charges the sender for every
    queued byte — the coupling that stalled BBR flows behind a competing one."""
    failures = []
    q = rig.qdiscs()
    if "htb" in q["client"] or "htb" not in q["router"] or "bfifo" not in q["router"]:
        failures.append(f"shaper not (only) at the router: client veth {q['client'].split(chr(10))[0]!r}, "
                        f"router egress {q['router'].split(chr(10))[0]!r}")
    # Reno in the client namespace only (per-namespace; cubic is not in its tcp_allowed_congestion_control):
    # BBR would keep the queue nearly empty
    subprocess.run(rig.exec_prefix() + ["sh", "-c", "echo reno > /proc/sys/net/ipv4/tcp_congestion_control"], check=True)
    probe = subprocess.Popen(rig.exec_prefix() + [sys.executable, wanrig.PROBE, "send", rig.host_ip,
                                                  str(rig.sink.port), "3"], stdout=subprocess.DEVNULL)
    samples = []  # (bytes queued at the client's veth + the router's egress, sender's skmem t)
    try:
        time.sleep(1.0)
        for _ in range(8):
            q = rig.qdiscs()
            queued = sum(int(m.group(1)) for text in q.values()
                         for m in [re.search(r"backlog (\d+)b", text)] if m)  # first line: the root qdisc
            ss = subprocess.run(rig.exec_prefix() + ["ss", "-tinmH", "dst", rig.host_ip], capture_output=True,
                                text=True).stdout
            t = max((int(x) for x in re.findall(r"skmem:\(r\d+,rb\d+,t(\d+)", ss)), default=0)
            samples.append((queued, t))
            time.sleep(0.2)
    finally:
        probe.wait(30)
    queued = statistics.median(x[0] for x in samples)
    charged = statistics.median(x[1] for x in samples)
    print(f"bulk Reno flow: {queued / 1024:.0f} KiB queued (median of {len(samples)} samples), "
          f"sender charged for {charged / 1024:.0f} KiB", flush=True)
    if queued < 64 * 1024:
        failures.append(f"a bulk Reno flow queued only {queued / 1024:.0f} KiB at the shaper (expected >= 64)")
    elif charged > queued / 4:
        failures.append(f"the sending socket is charged for {charged / 1024:.0f} KiB of the "
                        f"{queued / 1024:.0f} KiB queued: the queue is in the sender's own stack")
    return failures


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
            failures += [f"wan{rate}m{rtt}: {f}" for f in check_queue_at_router(rig)]
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
