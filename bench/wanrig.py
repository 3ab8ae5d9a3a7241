"""The WAN rig: a client network namespace behind a router namespace whose egress toward the server is
the shaped uplink; delay in the latency proxy.

Topology (one rig per WAN mode, names unique per bench process and rig; a /29 per rig, split in two /30s):

    client namespace                router namespace                 root namespace
    rmi360wan-<pid>-<n>             rmi360wan-<pid>-<n>r
    ┌────────────────────────┐      ┌───────────────────────────┐     ┌──────────────────────────────────┐
    │ client (ip netns exec) │      │ ip_forward = 1            │     │ LatencyProxy on 10.x.y.1:<port>  │
    │ lo up, default via .5  │ veth │                           │veth │  (RTT/2 each way) -> S3Proxy on  │
    │ rw<pid>n<n>c  10.x.y.6 ┼──────┼ rw<pid>n<n>a  10.x.y.5    │     │  127.0.0.1                       │
    │   (noqueue: no shaper) │      │ rw<pid>n<n>b  10.x.y.2 ───┼─────┼ rw<pid>n<n>s 10.x.y.1            │
    └────────────────────────┘      │   egress: HTB rate=ceil=R │     │  route 10.x.y.4/30 via .2        │
                                    │   + bfifo of 100 ms at R  │     │ sink (self-check, probe flow)    │
                                    └───────────────────────────┘     └──────────────────────────────────┘

Why a router namespace and not HTB on the client's own veth: with the shaper in the sender's own
qdisc, TCP small queues and qdisc backpressure tie the sender's stack to the shaper (BBR flows sat at
4 packets in flight behind a queue a competing flow kept full, docs/benchmarks.md), which a field
uplink does not do: there the bottleneck queue is in the modem/router one hop away. Forwarded packets
pass ip_rcv in the router namespace, which drops their socket reference, so the queue at the router
is invisible to the sender's TSQ accounting; the sender learns of it only from ACK timing and drops,
as over a real uplink. bench/test_wan_rig.py checks this: a bulk Reno flow's queue at the router is
not charged to its socket (with HTB on the client's veth, 129 of 133 KiB queued were). IFB on the
root side's ingress was the other option, not taken: it redirects before ip_rcv, where a forwarded
packet drops its socket (so, by reading, the sender would still be charged; not measured), and a
router namespace is the field topology besides.

The HTB class's queue is a bfifo of R x 100 ms (at least 64 KiB): a field router's upstream buffer
(cable/DSL uplinks hold 100 ms and more), and about one bandwidth-delay product at the 80 ms modes,
the classic sizing for loss-based TCP. The default (pfifo of txqueuelen = 1000 frames) would be
240 ms at 50 Mbit/s and only 12 ms at 1 Gbit/s.

No netem: the delay stays in bench/LatencyProxy.java, which terminates the clients' TCP connections,
so their TCP still sees a base RTT of ~0 plus the router's queue (a field client's TCP sees the whole
path); what moved is where that queue is charged. S3Proxy listens on 127.0.0.1 only, so the
clients reach it through the latency proxy alone. Deleting both namespaces and the root end of the
veth tears a rig down (the route goes with the veth); rigs still up at exit (or on SIGTERM via
run.py's handler) are torn down by an atexit hook; rigs of bench processes that are gone are reaped
by reap_stale().
"""
import atexit
import ipaddress
import os
import re
import socket
import subprocess
import sys
import threading
import time

from benchlib import BENCH_DIR, MIB, log, start_latency_proxy

PROBE = os.path.join(BENCH_DIR, "wan_probe.py")
MODE_RE = re.compile(r"^wan(\d+)m(\d+)$")
# TCP payload per frame on the veth (MTU 1500): 1448 of 1514 bytes (Ethernet 14 + IP 20 + TCP 20 + 12 of
# timestamps). HTB counts whole frames, so a TCP flow's goodput at rate R is at most R x 1448/1514.
PAYLOAD_SHARE = 1448 / 1514
RATE_TOLERANCE = 0.05
RTT_TOLERANCE = 0.15
RTT_SLACK_MS = 5.0
# The router's queue: R x QUEUE_MS of bytes (bfifo), at least QUEUE_MIN_BYTES (see the module docstring).
QUEUE_MS = 100
QUEUE_MIN_BYTES = 64 * 1024
_LIVE = set()


def parse_wan_mode(mode):
    """'wan50m80' -> (50, 80): aggregate uplink Mbit/s, RTT ms. None for other modes."""
    m = MODE_RE.match(mode)
    if not m:
        return None
    rate, rtt = int(m.group(1)), int(m.group(2))
    if rate <= 0:
        raise SystemExit(f"WAN mode {mode!r}: the rate must be > 0 Mbit/s")
    return rate, rtt


def proxy_window_bytes(rate_mbit, rtt_ms):
    """Bytes in flight per connection direction in the latency proxy: at least the default 4 MiB, and
    enough for one connection to carry twice the link rate (throughput <= window / (RTT/2))."""
    need = 2 * rate_mbit * 1e6 / 8 * rtt_ms / 2000
    return max(4 * MIB, int(-(-need // MIB)) * MIB)


def _ip(*args, ns=None, check=True):
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` failed: {(p.stderr or p.stdout).strip()}")
    return p


def unavailable():
    """A one-line reason why WAN modes cannot run here (not root, no ip/tc, no namespaces), or None."""
    if os.geteuid() != 0:
        return "WAN modes need root (network namespaces, veth, tc)"
    for tool in ("ip", "tc"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode:
            return f"WAN modes need `{tool}` (iproute2) on PATH"
    name = f"rmi360wan-check-{os.getpid()}"
    p = subprocess.run(["ip", "netns", "add", name], capture_output=True, text=True)
    if p.returncode:
        return f"`ip netns add` fails: {(p.stderr or p.stdout).strip()}"
    subprocess.run(["ip", "netns", "del", name], capture_output=True)
    return None


def reap_stale():
    """Tear down rigs left by bench processes that no longer exist (killed with SIGKILL); returns their names."""
    gone = []
    for name in subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split():
        m = re.match(r"^rmi360wan-(\d+)-(\d+)r?$", name)  # client namespace, router namespace (…r)
        if m and not os.path.exists(f"/proc/{m.group(1)}"):
            _ip("ip", "link", "del", f"rw{m.group(1)}n{m.group(2)}s", check=False)
            _ip("ip", "netns", "del", name, check=False)
            gone.append(name)
    return gone


def _used_addresses():
    out = subprocess.run(["ip", "-4", "-o", "addr"], capture_output=True, text=True).stdout
    return [ipaddress.ip_interface(w).network for w in out.split() if re.match(r"^\d+\.\d+\.\d+\.\d+/\d+$", w)]


def _pick_subnet(index):
    """A /29 in 10.128.0.0/10 derived from pid and rig index, skipping any that overlaps an address here
    (two /30s: router <-> root, client <-> router)."""
    used = _used_addresses()
    block = (os.getpid() * 16 + index) % (1 << 19)
    for step in range(64):
        net = ipaddress.ip_network((int(ipaddress.ip_address("10.128.0.0")) + ((block + step * 7919) % (1 << 19)) * 8, 29))
        if not any(net.overlaps(u) for u in used):
            return net
    raise RuntimeError("no free /29 in 10.128.0.0/10 for the WAN rig")


class Sink:
    """TCP sink in the root namespace: counts bytes per connection with timestamps (for rates)."""

    def __init__(self, host):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns = []  # per connection: list of (monotonic s, cumulative bytes)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            samples = []
            self.conns.append(samples)
            threading.Thread(target=self._drain, args=(c, samples), daemon=True).start()

    @staticmethod
    def _drain(c, samples):
        buf = bytearray(1 << 20)
        total, last = 0, 0.0
        with c:
            while True:
                try:
                    n = c.recv_into(buf)
                except OSError:
                    n = 0
                now = time.monotonic()
                if n <= 0:
                    samples.append((now, total))
                    return
                total += n
                if not samples:
                    samples.append((now, 0))  # first byte seen now
                if now - last >= 0.005:
                    samples.append((now, total))
                    last = now

    def close(self):
        self.sock.close()


def rate_between(samples, t_from, t_to):
    """Bytes/s of one connection between two instants (linear in the sampled cumulative counts)."""
    def at(t):
        prev = None
        for s in samples:
            if s[0] >= t:
                if prev is None:
                    return s[1]
                return prev[1] + (s[1] - prev[1]) * (t - prev[0]) / max(s[0] - prev[0], 1e-9)
            prev = s
        return samples[-1][1] if samples else 0
    return (at(t_to) - at(t_from)) / (t_to - t_from) if t_to > t_from else 0.0


class WanRig:
    def __init__(self, rate_mbit, rtt_ms, s3_port, index=0, stats_file=None):
        self.rate_mbit, self.rtt_ms, self.s3_port = rate_mbit, rtt_ms, s3_port
        self.stats_file = stats_file  # the latency proxy's byte counters over time (bandwidth-cap check)
        pid = os.getpid()
        self.ns = f"rmi360wan-{pid}-{index}"
        self.router_ns = f"{self.ns}r"
        self.host_if = f"rw{pid}n{index}s"  # <= 15 characters for pids up to 7 digits and 99 rigs
        self.ns_if = f"rw{pid}n{index}c"
        self.router_in = f"rw{pid}n{index}a"  # router side toward the client
        self.router_out = f"rw{pid}n{index}b"  # router side toward the server: the shaped egress
        up_net, down_net = _pick_subnet(index).subnets(new_prefix=30)
        self.host_ip, self.router_out_ip = (str(a) for a in up_net.hosts())
        self.router_in_ip, self.ns_ip = (str(a) for a in down_net.hosts())
        self.client_net = str(down_net)
        self.queue_bytes = max(QUEUE_MIN_BYTES, int(rate_mbit * 1e6 / 8 * QUEUE_MS / 1000))
        self.window = proxy_window_bytes(rate_mbit, rtt_ms)
        self.proxy = None
        self.proxy_port = None
        self.sink = None
        self.up_done = False

    @property
    def endpoint(self):
        return f"http://{self.host_ip}:{self.proxy_port}"

    @property
    def rate_bytes(self):
        return self.rate_mbit * 1e6 / 8

    def describe(self):
        return (f"namespace {self.ns}, {self.ns_if} {self.ns_ip} -> router {self.router_ns} -> "
                f"{self.host_if} {self.host_ip}, HTB {self.rate_mbit} Mbit/s uplink at the router "
                f"(bfifo {self.queue_bytes // 1024} KiB = {QUEUE_MS} ms), latency proxy {self.rtt_ms} ms "
                f"(window {self.window // MIB} MiB) on {self.endpoint}")

    def exec_prefix(self):
        return ["ip", "netns", "exec", self.ns]

    def up(self):
        _LIVE.add(self)
        self.up_done = True
        r = self.router_ns
        _ip("ip", "netns", "add", self.ns)
        _ip("ip", "netns", "add", r)
        # router <-> root
        _ip("ip", "link", "add", self.host_if, "type", "veth", "peer", "name", self.router_out, "netns", r)
        _ip("ip", "addr", "add", f"{self.host_ip}/30", "dev", self.host_if)
        _ip("ip", "link", "set", self.host_if, "up")
        _ip("ip", "route", "add", self.client_net, "via", self.router_out_ip, "dev", self.host_if)
        # client <-> router
        _ip("ip", "link", "add", self.router_in, "type", "veth", "peer", "name", self.ns_if, "netns", self.ns, ns=r)
        for dev, addr in ((self.router_out, self.router_out_ip), (self.router_in, self.router_in_ip)):
            _ip("ip", "addr", "add", f"{addr}/30", "dev", dev, ns=r)
            _ip("ip", "link", "set", dev, "up", ns=r)
        _ip("ip", "link", "set", "lo", "up", ns=r)
        _ip("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward", ns=r)  # not sysctl(8): procps may be missing
        _ip("ip", "link", "set", "lo", "up", ns=self.ns)
        _ip("ip", "addr", "add", f"{self.ns_ip}/30", "dev", self.ns_if, ns=self.ns)
        _ip("ip", "link", "set", self.ns_if, "up", ns=self.ns)
        _ip("ip", "route", "add", "default", "via", self.router_in_ip, ns=self.ns)
        # the uplink: one HTB class for everything the router sends toward the server, rate = ceil = R
        # (quantum set to stop the "quantum is big" warning; with one class it has no effect), its
        # queue a bfifo of QUEUE_MS at R (module docstring)
        _ip("tc", "qdisc", "add", "dev", self.router_out, "root", "handle", "1:", "htb", "default", "10", ns=r)
        _ip("tc", "class", "add", "dev", self.router_out, "parent", "1:", "classid", "1:10", "htb",
            "rate", f"{self.rate_mbit}mbit", "ceil", f"{self.rate_mbit}mbit", "quantum", "60000", ns=r)
        _ip("tc", "qdisc", "add", "dev", self.router_out, "parent", "1:10", "handle", "10:", "bfifo",
            "limit", str(self.queue_bytes), ns=r)
        self.proxy = start_latency_proxy(self.s3_port, self.rtt_ms, 0, self.window, listen_host=self.host_ip,
                                         stats_file=self.stats_file)
        self.proxy_port = self.proxy.port
        self.sink = Sink(self.host_ip)
        return self

    def down(self):
        if self.proxy:
            self.proxy.stop()
            self.proxy = None
        if self.sink:
            self.sink.close()
            self.sink = None
        if self.up_done:
            _ip("ip", "link", "del", self.host_if, check=False)  # removes both ends (and the route)
            _ip("ip", "netns", "del", self.router_ns, check=False)  # and the router <-> client pair
            _ip("ip", "netns", "del", self.ns, check=False)
            self.up_done = False
        _LIVE.discard(self)

    def leftovers(self):
        """Names of this rig still present (namespaces, host veth) — empty after down()."""
        out = []
        names = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split()
        out += [f"namespace {n}" for n in (self.ns, self.router_ns) if n in names]
        if _ip("ip", "link", "show", self.host_if, check=False).returncode == 0:
            out.append(f"veth {self.host_if}")
        if _ip("ip", "route", "show", self.client_net, check=False).stdout.strip():
            out.append(f"route {self.client_net}")
        return out

    def qdiscs(self):
        """`tc -s qdisc show` of the client's own veth and of the router's shaped egress (tests, debugging)."""
        return {"client": _ip("tc", "-s", "qdisc", "show", "dev", self.ns_if, ns=self.ns).stdout,
                "router": _ip("tc", "-s", "qdisc", "show", "dev", self.router_out, ns=self.router_ns).stdout}

    # ------------------------------------------------------------------ self-check
    def measure_rate(self, seconds=1.5, skip=0.3):
        """Goodput (Mbit/s) of one bulk TCP flow from the namespace to the sink, direct path."""
        n0 = len(self.sink.conns)
        p = subprocess.run(self.exec_prefix() + [sys.executable, PROBE, "send", self.host_ip, str(self.sink.port),
                                                  str(seconds)], capture_output=True, text=True, timeout=60)
        if p.returncode:
            raise RuntimeError(f"rate probe failed: {(p.stderr or p.stdout).strip()[-300:]}")
        deadline = time.monotonic() + 30
        while (len(self.sink.conns) <= n0 or not self.sink.conns[n0]
               or self.sink.conns[n0][-1][1] < int(p.stdout.split()[-1])) and time.monotonic() < deadline:
            time.sleep(0.02)  # the shaper's queue drains after the sender has finished
        samples = self.sink.conns[n0]
        t0, t1 = samples[0][0] + skip, samples[-1][0]
        return rate_between(samples, t0, t1) * 8 / 1e6

    def measure_rtt(self, n=5):
        """Minimum ms of N HTTP round trips on one connection through the latency proxy (after 2 warm-ups).
        The minimum: the proxy never releases early, and what a busy shared machine adds on top
        (scheduling of the proxy's threads, the probe and S3Proxy) is noise, not the configured delay."""
        p = subprocess.run(self.exec_prefix() + [sys.executable, PROBE, "rtt", self.host_ip, str(self.proxy.port),
                                                  str(n + 2)], capture_output=True, text=True, timeout=60)
        if p.returncode:
            raise RuntimeError(f"RTT probe failed: {(p.stderr or p.stdout).strip()[-300:]}")
        return min(float(x) for x in p.stdout.split()[2:])

    def self_check(self, attempts=5, seconds=1.5, pause=1.0):
        """{'rate_mbit', 'rtt_ms', 'problems', 'attempts'}: the shaped goodput must be within ±5 % of
        R x 1448/1514, the RTT through the latency proxy within ±15 % (at least ±5 ms) of the nominal one.
        On a busy shared machine one measurement can be starved of CPU: up to `attempts` tries, `pause`
        seconds apart so that a busy spell of the host can pass (three tries back to back all measured
        178-181 Mbit/s for 191.3 in one CI run, where the other checks of the hour gave 190.5-191.4);
        the last one counts."""
        for attempt in range(1, attempts + 1):
            if attempt > 1:
                time.sleep(pause)
            c = self._check_once(seconds)
            c["attempts"] = attempt
            if not c["problems"]:
                break
        return c

    def _check_once(self, seconds):
        problems = []
        rate = self.measure_rate(seconds, skip=min(0.3, seconds / 4))
        expected = self.rate_mbit * PAYLOAD_SHARE
        if abs(rate - expected) > RATE_TOLERANCE * expected:
            problems.append(f"shaped uplink carried {rate:.1f} Mbit/s of TCP payload, expected {expected:.1f} "
                            f"(±{RATE_TOLERANCE:.0%}) for {self.rate_mbit} Mbit/s")
        rtt = self.measure_rtt()
        if abs(rtt - self.rtt_ms) > max(RTT_TOLERANCE * self.rtt_ms, RTT_SLACK_MS):
            problems.append(f"RTT through the latency proxy {rtt:.1f} ms, expected {self.rtt_ms} ms "
                            f"(±{RTT_TOLERANCE:.0%}, at least ±{RTT_SLACK_MS:g} ms)")
        return {"rate_mbit": rate, "rtt_ms": rtt, "problems": problems}


@atexit.register
def _teardown_all():
    for rig in list(_LIVE):
        try:
            rig.down()
        except Exception as e:  # noqa: BLE001 - best effort at exit
            log(f"WAN rig teardown of {rig.ns} failed: {e}")
