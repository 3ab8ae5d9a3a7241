#!/usr/bin/env python3
"""Upload benchmark: the agent against the legacy algorithm, the AWS CLI and rclone, on S3Proxy.

One run of this script starts S3Proxy 4.1.0 (filesystem backend) on 127.0.0.1, a latency proxy per
RTT mode, and uploads each data set with each client, interleaved (agent, peer, agent, peer ... in
round-robin order per repetition). Every upload goes to a fresh bucket and counts only if
ListObjectsV2 afterwards shows the expected object count and bytes. Figures per run: wall s, MiB/s,
client CPU s (user+sys of the whole process tree, from wait4), peak RSS, time to the first stored
object, server CPU (S3Proxy + latency proxy). Medians per (data set, mode, client) and agent/peer
ratios go to bench/results/<timestamp>.md (and .json), and are printed.

    python3 bench/run.py                      # plan "issue": the cells the issue's targets need, 3 reps (~1 h)
    python3 bench/run.py --plan full          # A B C D x all clients x direct rtt20 rtt80 x 3 (hours)
    python3 bench/run.py --smoke              # tiny: 21 files, 1 rep, direct + rtt20, tick on 200, < 60 s
    python3 bench/run.py --datasets A --clients agent,legacy --modes rtt80 --reps 5
    python3 bench/run.py --plan wan           # WAN rig (root): A, B at 50/200 Mbit/s x 80/150 ms + a 1000 Mbit/s cap cell
    python3 bench/run.py --datasets A --modes wan50m80 --clients agent,rclone16 --reps 1
    python3 bench/run.py --bwlimit-check wan50m80   # the agent's --bwlimit at R/2 beside a probe TCP flow

WAN modes (wanRmN: uplink R Mbit/s shaped by HTB, RTT N ms in the latency proxy) run each client in
its own network namespace behind a veth pair; see bench/wanrig.py and docs/benchmarks.md.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (BENCH_DIR, DATASETS, MIB, REPO_DIR, WORK_DIR, S3ProxyServer, bucket_totals,  # noqa: E402
                      ensure_dataset, log, run_measured, start_latency_proxy, warm_cache)
from benchlib import cut_dataset  # noqa: E402
from clients import BY_NAME, CLIENTS, MONITOR_TICK, Target, client_env  # noqa: E402
import clients  # noqa: E402
import wanrig  # noqa: E402
from wanrig import PAYLOAD_SHARE, WanRig, parse_wan_mode  # noqa: E402
from monitor_tick import tick_rows, tick_table  # noqa: E402

PREFIX = "ABC25101"
PER_FILE_OPS = {"PutObject", "HeadObject", "GetObject", "CreateMultipartUpload", "UploadPart",
                "CompleteMultipartUpload", "CopyObject", "GetObjectAttributes"}
SHORT_OPS = {"PutObject": "put", "UploadPart": "part", "CreateMultipartUpload": "mpu-start",
             "CompleteMultipartUpload": "mpu-done", "HeadObject": "head", "GetObject": "get",
             "ListObjectsV2": "list", "ListObjects": "list1", "CreateBucket": "mkbucket",
             "HeadBucket": "head-bucket", "AbortMultipartUpload": "mpu-abort"}


def short_requests(req):
    if not req:
        return "–"
    return " ".join(f"{SHORT_OPS.get(k.split()[0], k.split()[0])}{'!' + k.split()[1] if ' ' in k else ''}:{v}"
                    for k, v in sorted(req.items(), key=lambda kv: -kv[1]))
GIB = 1 << 30


def parse_mode(mode):
    """'direct' -> 0, 'rtt80' -> 80, 'wan50m80' -> 80 (RTT ms)."""
    if mode == "direct":
        return 0
    if mode.startswith("rtt") and mode[3:].isdigit():
        return int(mode[3:])
    wan = parse_wan_mode(mode)
    if wan:
        return wan[1]
    raise SystemExit(f"unknown mode {mode!r}: use direct, rttN (N = round-trip ms) or wanRmN "
                     f"(R = uplink Mbit/s, N = RTT ms, e.g. wan50m80)")


def mode_key(mode):
    """Loopback modes first (by RTT), then WAN modes by rate and RTT."""
    wan = parse_wan_mode(mode)
    return (1, *wan) if wan else (0, parse_mode(mode), 0)


# agent-jar, agent-base and the fixed-concurrency agents only on request (--clients) or in the WAN plan
ALL = tuple(c.name for c in CLIENTS if c.name not in ("agent-jar", "agent-base") and not c.name.startswith("agent-c"))
WAN_GRID = ("wan50m80", "wan50m150", "wan200m80", "wan200m150")
WAN_CLIENTS = ("agent", "agent-c8", "agent-c32", "agent-c64", "legacy", "aws-cli", "rclone16")
WAN_SECONDS = 22  # a WAN run uploads the first files of its data set worth this long at the link's rate
RESUMABLE = ("agent", "agent-base", "agent-jar", "rclone", "rclone16")  # clients that skip what is already there on a rerun

# A plan is a list of cells: (data set, modes, clients, rerun). Runs inside a cell are interleaved.
PLANS = {
    # What the table and targets need, sized to finish in about an hour on 2 cores:
    # A and B at every RTT (throughput targets at 80 ms), C on loopback (CPU per GiB),
    # D on loopback for the agent (peak RSS, first byte, rerun) with rclone --transfers 16 beside it.
    "issue": [("A", ("direct", "rtt20", "rtt80"), ALL, False),
              ("B", ("direct", "rtt20", "rtt80"), ALL, False),
              ("C", ("direct",), ALL, False),
              ("D", ("direct",), ("agent", "rclone16"), True)],
    # Every data set x every mode x every client: several hours (D at 80 ms alone is ~1 h per client).
    "full": [(d, ("direct", "rtt20", "rtt80"), ALL, d == "D") for d in ("A", "B", "C", "D")],
    # Issue 12: A and B on a shaped WAN uplink (cuts of ~22 s at the link rate), the agent beside its fixed
    # --concurrency variants and the peers; plus one cell at 1000 Mbit/s, where the machine is the cap.
    "wan": [("A", WAN_GRID, WAN_CLIENTS, False),
            ("B", WAN_GRID, WAN_CLIENTS, False),
            ("B", ("wan1000m20",), ("agent", "rclone16", "legacy"), False)],
    "smoke": [("S", ("direct", "rtt20", "wan200m20"), ALL, False)],
}


def parse_args(argv):
    ap = argparse.ArgumentParser(description="Upload benchmark against S3Proxy (see docs/benchmarks.md)")
    ap.add_argument("--plan", choices=sorted(PLANS), help="named set of cells (default: issue; smoke with --smoke)")
    ap.add_argument("--datasets", help=f"comma list of {','.join(DATASETS)}: run these x --modes instead of a plan")
    ap.add_argument("--modes", help="comma list of direct, rttN, wanRmN (default direct,rtt20,rtt80 when --datasets "
                                    "is given; wanRmN = uplink R Mbit/s shaped in a network namespace, RTT N ms; root)")
    ap.add_argument("--clients", help="comma list of " + ",".join(BY_NAME) + " (filters the plan; default all)")
    ap.add_argument("--reps", type=int, help="repetitions per client (default 3; 1 with --smoke)")
    ap.add_argument("--timeout", type=float, help="seconds before a run is killed and failed (default 1800)")
    ap.add_argument("--bandwidth-mbit", type=float, default=0, help="per-connection cap in latency modes (0 = none)")
    ap.add_argument("--window-mib", type=float, default=4, help="bytes in flight per connection direction in latency modes")
    ap.add_argument("--rerun", action="store_true",
                    help="after each checked upload by " + "/".join(RESUMABLE) +
                         ", run it again on the full bucket and time it (the issue plan does this for D)")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny run: plan smoke (21 files, direct + rtt20), 1 rep, 50 s timeout")
    ap.add_argument("--tick", help="also time the agent's monitor tick over these object counts on the same "
                                   "S3Proxy (comma list; 200 with --smoke; bench/monitor_tick.py does it standalone)")
    ap.add_argument("--no-warmup", dest="warmup", action="store_false",
                    help="skip the unmeasured warm-up upload (S3Proxy and proxy JIT) per mode")
    ap.add_argument("--bwlimit-check", nargs="?", const="wan50m80", metavar="WANMODE",
                    help="instead of a plan: on this WAN link (default wan50m80) run the agent with --bwlimit at half "
                         "the rate for >= 30 s beside a probe TCP flow; report both rates")
    ap.add_argument("--bwlimit-client", choices=("agent", "rclone", "rclone16"), default="agent",
                    help="who runs capped in --bwlimit-check: the agent (--bwlimit NMbit), or rclone (--bwlimit Nk, "
                         "KiB/s) to check the check itself")
    ap.add_argument("--out", default=os.path.join(BENCH_DIR, "results"), help="results folder")
    args = ap.parse_args(argv)
    if args.smoke:
        args.warmup = False
        args.tick = args.tick or "200"
    args.tick = [int(x) for x in args.tick.split(",") if x.strip()] if args.tick else []
    args.reps = args.reps or (1 if args.smoke else 3)
    if args.bwlimit_check is not None:
        if not parse_wan_mode(args.bwlimit_check):
            ap.error(f"--bwlimit-check needs a WAN mode like wan50m80, got {args.bwlimit_check!r}")
        args.plan, args.cells, args.warmup = "bwlimit-check", [], False
        args.timeout = args.timeout or 600
        return args
    args.timeout = args.timeout or (50 if args.smoke else 1800)
    only = [c.strip() for c in args.clients.split(",")] if args.clients else None
    for c in only or ():
        if c not in BY_NAME:
            ap.error(f"unknown client {c}")
    if args.datasets or args.modes:
        default_sets = "S" if args.smoke else "A,B,C,D"
        datasets = [d.strip().upper() for d in (args.datasets or default_sets).split(",") if d.strip()]
        modes = tuple(m.strip() for m in (args.modes or "direct,rtt20,rtt80").split(",") if m.strip())
        for d in datasets:
            if d not in DATASETS:
                ap.error(f"unknown data set {d}")
        for m in modes:
            parse_mode(m)
        cells = [(d, modes, tuple(c.name for c in CLIENTS) if only else ALL, args.rerun) for d in datasets]
        args.plan = "custom"
    else:
        args.plan = args.plan or ("smoke" if args.smoke else "issue")
        cells = [(d, m, c, r or args.rerun) for d, m, c, r in PLANS[args.plan]]
    args.cells = [(d, m, tuple(x for x in c if only is None or x in only), r) for d, m, c, r in cells]
    args.cells = [cell for cell in args.cells if cell[2]]
    if not args.cells:
        ap.error("nothing to run with these filters")
    return args


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, digits=2):
    if x is None:
        return "–"
    return f"{x:.{digits}f}"


def pct(x):
    return "–" if x is None else f"{x * 100:.0f} %"


def wan_targets(med):
    """Issue 12, judged from the medians of the WAN cells that were run."""
    out = []

    def get(d, mode, c, f):
        return (med.get((d, mode, c)) or {}).get(f)

    for d in ("A", "B"):
        for rate in (50, 200):
            for rtt in (80, 150):
                u = get(d, f"wan{rate}m{rtt}", "agent", "link_util")
                if u is not None:
                    out.append(f"{d} at {rate} Mbit/s, {rtt} ms: agent link utilisation {u:.0%} (≥ 90 %) "
                               f"{'PASS' if u >= 0.9 else 'FAIL'}")
    cells = sorted({(d, mode) for d, mode, _ in med if parse_wan_mode(mode)}, key=lambda k: (k[0], mode_key(k[1])))
    for d, mode in cells:
        rows = [(m["mib_s"], c, m) for (d2, mo, c), m in med.items() if (d2, mo) == (d, mode) and m["mib_s"]]
        if parse_wan_mode(mode)[0] >= 1000 and rows:
            best, name, m = max(rows, key=lambda x: x[0])
            agent = get(d, mode, "agent", "mib_s")
            out.append(f"{d} at {mode} (cap): best {name} {best:.1f} MiB/s, link util {pct(m['link_util'])}, "
                       f"server CPU {fmt(m['server_cpu_s'])} s; agent "
                       + (f"{agent:.1f} MiB/s = {agent / best:.0%} of the best" if agent else "not run"))
        fixed = [(m["mib_s"], c) for v, c, m in rows if c.startswith("agent-c")]
        agent = get(d, mode, "agent", "mib_s")
        if fixed and agent:
            best, name = max(fixed)
            out.append(f"{d} at {mode}: agent default {agent:.1f} MiB/s vs best fixed ({name}) {best:.1f} = "
                       f"{agent / best:.0%} (≥ 90 %) {'PASS' if agent >= 0.9 * best else 'FAIL'}")
    return out or ["not judged: none of the cells they need ran (agent on A/B at wan50m80, wan50m150, wan200m80, "
                   "wan200m150; a wan1000mN cell; agent-cN variants beside the agent)"]


def steady_window(samples, first_bytes=MIB):
    """(first, last) instants of the upload's bodies in the latency proxy's cumulative byte counts
    [(seconds, bytes)]: from the sample before the count first passes first_bytes to the last sample
    that moved, or None. The first MiB, not the first byte: the client's first requests (a HEAD, a
    listing: a few hundred bytes) can come seconds before its first body (measured 8 s on the
    agent at load 10), and a window opened there counted that wait as a slow upload."""
    moving = [i for i in range(1, len(samples)) if samples[i][1] > samples[i - 1][1]]
    started = [i for i in moving if samples[i][1] >= first_bytes]
    if not started:
        return None
    return samples[started[0] - 1][0], samples[moving[-1]][0]


def bwlimit_lines(res):
    """Report lines of the bandwidth-cap check; the verdict: agent within ±5 % of its cap."""
    out = [f"Link {res['mode']} (self-check {fmt(res.get('wan_rate_mbit'), 1)} Mbit/s, RTT {fmt(res.get('wan_rtt_ms'), 1)} "
           f"ms); {res['client']} {res['limit']} (cap {res['cap_mbit']:g} Mbit/s) on {res['files']}, {fmt(res['wall_s'], 1)} s, exit {res['exit_code']}"]
    if res.get("capped_mbit") is not None:
        ok = abs(res["capped_vs_cap"] - 1) <= 0.05 and not res["problems"]
        out.append(f"{res['client']} {res['capped_mbit']:.1f} Mbit/s over the steady {res['window_s']:.0f} s = "
                   f"{res['capped_vs_cap']:.1%} of the cap (95-105 %) {'PASS' if ok else 'FAIL'}")
        out.append(f"probe TCP flow {res['probe_mbit']:.1f} Mbit/s = {pct(res['probe_vs_rest'])} of the rest of the "
                   f"link ({res['rest_mbit']:.1f} Mbit/s of payload = R x 1448/1514 - cap)")
    if res.get("problems_rates"):
        out.append(f"FAIL: {res['problems_rates']}")
    out += [f"FAIL: {p}" for p in res["problems"]]
    return out


def bwlimit_failed(res):
    return bool(res) and (bool(res["problems"]) or "problems_rates" in res
                          or abs(res.get("capped_vs_cap", 0) - 1) > 0.05)


def targets(med):
    """The issue's targets, judged from the medians where the needed cells were run."""
    out = []

    def get(d, mode, c, f):
        return (med.get((d, mode, c)) or {}).get(f)

    def verdict(ok):
        return "PASS" if ok else "FAIL"

    # the peers are the tools a user would pick instead (aws s3 cp, rclone default/16): legacy is
    # judged by its own ratio (≥ 3), not as a peer
    peers = sorted({c for (_, _, c) in med if not c.startswith("agent") and c != "legacy"})
    for d in ("A", "B"):
        a = get(d, "rtt80", "agent", "mib_s")
        legacy = get(d, "rtt80", "legacy", "mib_s")
        others = [(get(d, "rtt80", c, "mib_s"), c) for c in peers]
        others = [x for x in others if x[0]]
        if a and legacy:
            out.append(f"{d} at 80 ms: agent ÷ legacy = {a / legacy:.2f} (≥ 3) {verdict(a / legacy >= 3)}")
        if a and others:
            best, name = max(others)
            out.append(f"{d} at 80 ms: agent ÷ best peer ({name}) = {a / best:.2f} (≥ 1.5) {verdict(a / best >= 1.5)}")
    for d in ("B", "C"):
        a = get(d, "direct", "agent", "cpu_s_per_gib")
        others = [(get(d, "direct", c, "cpu_s_per_gib"), c) for c in peers]
        others = [x for x in others if x[0]]
        if a and others:
            best, name = min(others)
            out.append(f"{d} on loopback: agent CPU s/GiB {a:.2f} vs best peer ({name}) {best:.2f} (≤) {verdict(a <= best)}")
    rss = get("D", "direct", "agent", "rss_mib")
    if rss is not None:
        out.append(f"D: agent peak RSS {rss * MIB / 1e6:.0f} MB (< 512 MB) {verdict(rss * MIB < 512e6)}")
    first = get("D", "direct", "agent", "first_object_s")
    if first is not None:
        out.append(f"D: first object stored after {first:.2f} s (< 5 s) {verdict(first < 5)}")
    rerun = get("D", "direct", "agent", "rerun_s")
    if rerun is not None:
        per_file = get("D", "direct", "agent", "rerun_per_file_requests")
        # "No per-file request": PUT/HEAD/GET/multipart calls must not scale with the 100,000 files;
        # a few constant ones (the agent's status/heartbeat PUTs) are allowed.
        limit = DATASETS["D"].count // 100
        out.append(f"D: rerun of a complete upload {rerun:.2f} s (< 10 s), {fmt(per_file, 0)} object-level requests "
                   f"(< {limit:,}, i.e. none per file) {verdict(rerun < 10 and (per_file or 0) < limit)}")
    return out or ["not judged: the cells they need (agent on A/B at rtt80, B/C direct, D direct) were not run"]


class Bench:
    def __init__(self, args):
        self.args = args
        self.runs = []
        self.skipped = {}
        self.tick = None  # (rows, failed, skip) when --tick ran
        self.agent_jar = None
        self.server = None
        self.proxies = {}
        self.rigs = {}  # WAN mode -> WanRig
        self.bwcheck = None  # result of --bwlimit-check
        self.counter = 0
        self.stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        # per process: two bench runs started in the same second (the A and B halves side by side, or a
        # run beside a --bwlimit-check) shared one folder, and so the latency proxy's byte counters of
        # the same WAN mode (proxy-<mode>.stats): one check read both rigs' bytes (132 % of its cap)
        self.logdir = os.path.join(WORK_DIR, "logs", f"{self.stamp}-{os.getpid()}")

    # ------------------------------------------------------------------ setup
    def start(self):
        os.makedirs(self.logdir, exist_ok=True)
        self._versions = {}
        self._versions_thread = threading.Thread(target=lambda: self._versions.update(self.versions()), daemon=True)
        self._versions_thread.start()  # a few seconds of tool start-ups, overlapped with S3Proxy's
        wanted = [self.args.bwlimit_client] if self.args.bwlimit_check else []
        for _, _, names, _ in self.args.cells:
            wanted += [n for n in names if n not in wanted]
        self.available = set()
        for name in wanted:
            why = BY_NAME[name].missing()
            if why:
                self.skipped[name] = why
                print(f"skip {name}: {why}", flush=True)
            else:
                self.available.add(name)
        if not self.available:
            raise SystemExit("no client can run")
        self.agent_jar = None
        if self.available & {"agent", "agent-jar"} or self.args.tick:
            self.agent_jar = snapshot_agent_jar(self.logdir)
        self.server = S3ProxyServer().start()
        self.admin = self.server.client(max_pool=4)
        modes = {m for _, ms, _, _ in self.args.cells for m in ms} | (
            {self.args.bwlimit_check} if self.args.bwlimit_check else set())
        modes = sorted(modes, key=mode_key)
        self.start_rigs([m for m in modes if parse_wan_mode(m)])
        for mode in modes:
            rtt = parse_mode(mode)
            if rtt and not parse_wan_mode(mode):
                self.proxies[mode] = start_latency_proxy(
                    self.server.port, rtt, self.args.bandwidth_mbit, int(self.args.window_mib * MIB))
                log(f"latency proxy {mode}: 127.0.0.1:{self.proxies[mode].port} -> S3Proxy")

    def start_rigs(self, modes):
        """One WAN rig per WAN mode; if this machine cannot (not root, no netns), the modes are skipped."""
        why = wanrig.unavailable() if modes else None
        if modes and not why:
            for name in wanrig.reap_stale():
                log(f"removed the WAN rig {name} of a bench run that is gone")
        for i, mode in enumerate(modes):
            if why:
                self.skipped[mode] = why
                print(f"skip {mode}: {why}", flush=True)
                continue
            rate, rtt = parse_wan_mode(mode)
            rig = WanRig(rate, rtt, self.server.port, i, stats_file=os.path.join(self.logdir, f"proxy-{mode}.stats"))
            self.rigs[mode] = rig  # before up(): stop() tears down a half-built rig too
            try:
                rig.up()
            except RuntimeError as e:
                rig.down()
                del self.rigs[mode]
                self.skipped[mode] = f"WAN rig could not be set up: {e}"
                print(f"skip {mode}: {self.skipped[mode]}", flush=True)
                continue
            log(f"WAN rig {mode}: {rig.describe()}")

    def dataset_for(self, ds, mode):
        """A WAN run uploads the first files of the data set worth WAN_SECONDS at the link rate."""
        wan = parse_wan_mode(mode)
        return cut_dataset(ds, wan[0], WAN_SECONDS) if wan else ds

    def prefix(self, mode):
        return self.rigs[mode].exec_prefix() if mode in self.rigs else ()

    def warm_up(self):
        """One unmeasured upload of data set S per mode, so that no client pays for S3Proxy's JIT."""
        ds = DATASETS["S"]
        ensure_dataset(ds)
        for mode in [m for m in ("direct", *self.proxies, *self.rigs)]:
            bucket = f"warmup-{mode}"
            self.admin.create_bucket(Bucket=bucket)
            target = Target(ds.path, bucket, PREFIX, self.endpoint(mode), self.server.access_key, self.server.secret_key,
                            self.logdir)
            client = BY_NAME["legacy"]
            m = run_measured(client.command(target), client_env(client, target), 120, None,
                             os.path.join(self.logdir, f"{bucket}.log"), self.prefix(mode))
            log(f"warm-up {mode}: {m.wall_s:.1f} s (exit {m.exit_code})")
            shutil.rmtree(self.server.bucket_dir(bucket), ignore_errors=True)
        for name in [n for n in ("agent", "agent-base") if n in self.available]:
            # bin/rmi360's first upload per jar build archives its classes (CDS) at exit; the measured runs
            # are the later ones, as for a user after the first run. Timed here, on data set S.
            bucket = f"warmup-{name}"
            self.admin.create_bucket(Bucket=bucket)
            target = Target(ds.path, bucket, PREFIX, self.endpoint("direct"), self.server.access_key,
                            self.server.secret_key, os.path.join(self.logdir, f"warmup-{name}-state"))
            client = BY_NAME[name]
            m = run_measured(client.command(target), client_env(client, target), 120, None,
                             os.path.join(self.logdir, f"{bucket}.log"))
            log(f"warm-up {name} (first run, class archive written at exit): {m.wall_s:.1f} s, "
                f"{m.cpu_s:.2f} CPU s (exit {m.exit_code})")
            shutil.rmtree(self.server.bucket_dir(bucket), ignore_errors=True)

    def ticks(self):
        skip = MONITOR_TICK.missing()
        if skip:
            print(f"skip monitor tick: {skip}", flush=True)
        print(f"monitor tick over {', '.join(map(str, self.args.tick))} objects:", flush=True)
        rows, failed = tick_rows(self.server, self.args.tick, self.args.reps, "fs", self.args.timeout,
                                 self.logdir, skip)
        self.tick = (rows, failed, skip)

    def stop(self):
        for p in self.proxies.values():
            p.stop()
        for rig in self.rigs.values():
            rig.down()
        if self.server:
            self.server.stop()

    def endpoint(self, mode):
        if mode in self.rigs:
            return self.rigs[mode].endpoint
        if mode in self.proxies:
            return f"http://127.0.0.1:{self.proxies[mode].port}"
        return self.server.endpoint

    def server_cpu(self, mode):
        cpu = self.server.cpu_seconds()
        if mode in self.proxies:
            cpu += self.proxies[mode].cpu_seconds()
        if mode in self.rigs and self.rigs[mode].proxy:
            cpu += self.rigs[mode].proxy.cpu_seconds()
        return cpu

    # ------------------------------------------------------------------ one run
    def new_target(self, ds, mode, name):
        """A fresh bucket (and state folder) for one upload of ds through mode's endpoint."""
        self.counter += 1
        bucket = f"bench-{self.counter:04d}-{name}-{ds.source or ds.name}-{mode}".lower()[:63]
        self.admin.create_bucket(Bucket=bucket)
        state = os.path.join(WORK_DIR, "state", os.path.basename(self.logdir), bucket)
        os.makedirs(state, exist_ok=True)
        return Target(ds.path, bucket, PREFIX, self.endpoint(mode), self.server.access_key, self.server.secret_key,
                      state)

    def wan_check(self, mode):
        """The rig's self-check before a WAN run: {} for other modes, else measured rate/RTT and problems."""
        if mode not in self.rigs:
            return {}
        try:
            c = self.rigs[mode].self_check(seconds=0.8 if self.args.smoke else 1.5)  # smoke: S is 1 s at 200 Mbit/s
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            c = {"rate_mbit": None, "rtt_ms": None, "problems": [f"WAN self-check failed: {e}"]}
        return {"wan_rate_mbit": c["rate_mbit"], "wan_rtt_ms": c["rtt_ms"], "check_problems": c["problems"],
                "check_attempts": c.get("attempts")}

    def one(self, ds, mode, client, rep, rerun):
        check = self.wan_check(mode)
        target = self.new_target(ds, mode, client.name)
        bucket, state = target.bucket, target.state_dir
        run = {"dataset": ds.source or ds.name, "files": ds.description if ds.source else None, "mode": mode,
               "client": client.name, "rep": rep, "bucket": bucket, **check}
        if check.get("check_problems"):  # the link is not what the mode says: do not measure on it
            run.update(ok=False, problems=check["check_problems"], wall_s=None, mib_s=None)
            print(f"  {ds.name} {mode:>6} {client.name:<9} rep {rep}: FAILED: " + "; ".join(run["problems"]), flush=True)
            self.runs.append(run)
            return
        env = client_env(client, target)
        cmd = client.command(target)
        cpu0 = self.server_cpu(mode)
        logfile = os.path.join(self.logdir, f"{bucket}.log")
        m = run_measured(cmd, env, self.args.timeout, self.server.bucket_dir(bucket), logfile, self.prefix(mode))
        server_cpu = self.server_cpu(mode) - cpu0
        requests = self.server.requests(bucket)
        if requests.get("CreateBucket"):  # the harness's own
            requests["CreateBucket"] -= 1
            if not requests["CreateBucket"]:
                del requests["CreateBucket"]
        count, total = bucket_totals(self.admin, bucket, PREFIX + "/")
        problems = []
        if m.timed_out:
            problems.append(f"killed after {self.args.timeout:.0f} s")
        if m.exit_code != 0:
            problems.append(f"exit code {m.exit_code}")
        if count != ds.count or total != ds.total_bytes:
            problems.append(f"bucket has {count} objects / {total} bytes, expected {ds.count} / {ds.total_bytes}")
        ctype = None
        if count:
            key = self.admin.list_objects_v2(Bucket=bucket, Prefix=PREFIX + "/", MaxKeys=1)["Contents"][0]["Key"]
            ctype = self.admin.head_object(Bucket=bucket, Key=key).get("ContentType")
        run.update({
            "ok": not problems, "problems": problems, "exit_code": m.exit_code,
            "wall_s": m.wall_s, "mib_s": ds.total_bytes / MIB / m.wall_s if m.wall_s else None,
            "cpu_s": m.cpu_s, "cpu_s_per_gib": m.cpu_s / (ds.total_bytes / GIB),
            "rss_mib": m.peak_rss_mib, "first_object_s": m.first_object_s, "server_cpu_s": server_cpu,
            "content_type": ctype, "log": logfile,
            "requests": requests, "request_total": sum(requests.values()) if requests else None,
        })
        if mode in self.rigs and m.wall_s and not problems:
            # link utilisation: data bytes / (nominal uplink rate x wall); TCP/IP framing alone caps it at 95.6 %
            run["link_util"] = ds.total_bytes / (self.rigs[mode].rate_bytes * m.wall_s)
        if rerun and client.name in RESUMABLE and not problems:
            before = self.server.requests(bucket)
            r = run_measured(cmd, env, self.args.timeout, None, logfile + ".rerun", self.prefix(mode))
            after = self.server.requests(bucket)
            delta = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}
            c2, t2 = bucket_totals(self.admin, bucket, PREFIX + "/")
            run["rerun_s"] = r.wall_s
            run["rerun_requests"] = delta
            run["rerun_per_file_requests"] = sum(v for k, v in delta.items() if k.split()[0] in PER_FILE_OPS)
            run["rerun_ok"] = r.exit_code == 0 and (c2, t2) == (ds.count, ds.total_bytes)
            if not run["rerun_ok"]:
                problems.append(f"rerun: exit code {r.exit_code}, bucket {c2} objects / {t2} bytes")
                run["ok"] = False
        status = "ok" if not problems else "FAILED: " + "; ".join(problems)
        wan = (f" util {run['link_util']:.0%} (link {run['wan_rate_mbit']:.1f} Mbit/s, RTT {run['wan_rtt_ms']:.0f} ms"
               + (f", self-check try {run['check_attempts']}" if (run.get("check_attempts") or 1) > 1 else "") + ")"
               if "link_util" in run else "")
        print(f"  {ds.name} {mode:>6} {client.name:<9} rep {rep}: {m.wall_s:7.2f} s "
              f"{run['mib_s'] or 0:8.1f} MiB/s cpu {m.cpu_s:6.2f} s rss {m.peak_rss_mib:6.0f} MiB"
              + (f" first {run['first_object_s']:.2f} s" if run.get("first_object_s") is not None else "")
              + wan + f"  {status}"
              + (f"; rerun {run['rerun_s']:.2f} s, {run['rerun_per_file_requests']} object-level requests"
                 f"{'' if run['rerun_ok'] else ' FAILED'}" if "rerun_s" in run else ""),
              flush=True)
        if problems:
            print("    last output: " + m.output_tail.strip().replace("\n", "\n    ")[-800:], flush=True)
        self.runs.append(run)
        self.clean_up(ds, bucket, state, client.name)

    def clean_up(self, ds, bucket, state, name):
        shutil.rmtree(self.server.bucket_dir(bucket), ignore_errors=True)  # free the disk; names never repeat
        shutil.rmtree(state, ignore_errors=True)
        stray = [n for n in os.listdir(ds.path) if n.startswith(".")]
        if stray:  # a client wrote into the data set: the next client would upload it too
            print(f"    note: removing {stray} that {name} wrote into {ds.path}", flush=True)
            for n in stray:
                shutil.rmtree(os.path.join(ds.path, n), ignore_errors=True)

    def estimate(self):
        """(runs, seconds) expected for the plan: WAN runs are link-bound (~90 % of the rate, plus ~7 s of
        self-check, JVM start and checks each); loopback and rttN runs are not estimated (None)."""
        runs, seconds, unknown = 0, 0.0, False
        for name, modes, names, _ in self.args.cells:
            n = len([c for c in names if c in self.available]) * self.args.reps
            for mode in modes:
                if mode in self.skipped:
                    continue
                runs += n
                wan = parse_wan_mode(mode)
                if not wan:
                    unknown = True
                    continue
                ds = self.dataset_for(DATASETS[name], mode)
                seconds += n * (ds.total_bytes / (wan[0] * 1e6 / 8 * PAYLOAD_SHARE * 0.9) + 7)
        return runs, seconds, unknown

    def matrix(self):
        if not self.args.cells:
            return
        total, seconds, unknown = self.estimate()
        print(f"plan {self.args.plan}: {total} runs in {len(self.args.cells)} cells"
              + (f"; WAN runs expected to take ~{seconds / 60:.0f} min" if seconds >= 120 else
                 f"; WAN runs expected to take ~{seconds:.0f} s" if seconds else "")
              + (" (loopback/rtt runs not estimated)" if unknown and seconds else ""), flush=True)
        for name, modes, names, rerun in self.args.cells:
            clients = [BY_NAME[n] for n in names if n in self.available]
            if not clients:
                continue
            for mode in modes:
                if mode in self.skipped:
                    continue
                ds = self.dataset_for(DATASETS[name], mode)
                ensure_dataset(ds)
                warm_cache(ds)
                print(f"data set {ds.name} ({ds.description}), {mode}:", flush=True)
                for rep in range(1, self.args.reps + 1):
                    for client in clients:  # agent first, then the peers, every repetition
                        self.one(ds, mode, client, rep, rerun)

    # ------------------------------------------------------------------ bandwidth cap
    def bwlimit_check(self):
        """The agent with --bwlimit R/2 on a WAN link of rate R for >= 30 s, beside a probe TCP flow from
        the client namespace to the sink; the agent's rate (latency proxy's byte counters) vs the cap
        and the probe's vs the rest of the link, over the steady middle of the upload."""
        mode = self.args.bwlimit_check
        rig = self.rigs.get(mode)
        name = self.args.bwlimit_client
        if rig is None or name not in self.available:
            return
        cap = rig.rate_mbit / 2
        if name == "agent":
            help_text = subprocess.run([clients.LAUNCHER, "upload", "--help"], capture_output=True, text=True,
                                       env=dict(os.environ, RMI360_JAR=clients.AGENT_JAR)).stdout
            if "--bwlimit" not in help_text:
                self.skipped["bwlimit-check"] = "the agent's `upload --help` shows no --bwlimit yet"
                print(f"skip bandwidth-cap check: {self.skipped['bwlimit-check']}", flush=True)
                return
            limit = ["--bwlimit", f"{cap:g}Mbit"]
        else:
            limit = ["--bwlimit", f"{cap * 1e6 / 8 / 1024:.0f}k"]  # rclone: KiB/s
        ds = cut_dataset(DATASETS["B"], cap, 40)
        ensure_dataset(ds)
        warm_cache(ds)
        check = self.wan_check(mode)
        target = self.new_target(ds, mode, f"{name}-bwlimit")
        client = BY_NAME[name]
        cmd = client.command(target) + limit
        n0 = len(rig.sink.conns)
        probe = subprocess.Popen(rig.exec_prefix() + [sys.executable, wanrig.PROBE, "send", rig.host_ip,
                                                      str(rig.sink.port), "0"], stdout=subprocess.DEVNULL)
        try:
            time.sleep(1)
            print(f"bandwidth cap: {name} {' '.join(limit)} on {mode} ({ds.description}) "
                  f"beside a probe flow ...", flush=True)
            logfile = os.path.join(self.logdir, f"{target.bucket}.log")
            m = run_measured(cmd, client_env(client, target), self.args.timeout, None, logfile, rig.exec_prefix())
        finally:
            probe.terminate()
            probe.wait(10)
        count, total = bucket_totals(self.admin, target.bucket, PREFIX + "/")
        res = {"mode": mode, "client": name, "limit": " ".join(limit), "cap_mbit": cap, "files": ds.description, "wall_s": m.wall_s, "exit_code": m.exit_code,
               **check, "problems": list(check.get("check_problems") or [])}
        if m.exit_code != 0 or (count, total) != (ds.count, ds.total_bytes):
            res["problems"].append(f"exit code {m.exit_code}, bucket {count} objects / {total} bytes, "
                                   f"expected {ds.count} / {ds.total_bytes}")
        res.update(self.cap_rates(rig, n0, cap))
        self.bwcheck = res
        self.clean_up(ds, target.bucket, target.state_dir, name)
        for line in bwlimit_lines(res):
            print("  " + line, flush=True)

    def cap_rates(self, rig, conn_index, cap):
        """Agent and probe Mbit/s over the steady part of the agent's upload (see steady_window)."""
        stats = [tuple(int(x) for x in line.split()[:2]) for line in open(rig.stats_file) if len(line.split()) == 3]
        window = steady_window([(t / 1e9, b) for t, b in stats])
        if window is None:
            return {"problems_rates": "no upload traffic through the latency proxy"}
        t_first, t_last = window
        t0, t1 = t_first + 3, t_last - 2
        if t1 - t0 < 25:
            return {"problems_rates": f"the capped upload moved data for {t_last - t_first:.0f} s only (need ≥ 30)"}
        capped = wanrig.rate_between([(t / 1e9, b) for t, b in stats], t0, t1) * 8 / 1e6
        samples = rig.sink.conns[conn_index] if len(rig.sink.conns) > conn_index else []
        probe = wanrig.rate_between(samples, t0, t1) * 8 / 1e6 if samples else 0.0
        rest = rig.rate_mbit * PAYLOAD_SHARE - cap
        return {"window_s": t1 - t0, "capped_mbit": capped, "capped_vs_cap": capped / cap, "probe_mbit": probe,
                "rest_mbit": rest, "probe_vs_rest": probe / rest if rest > 0 else None}

    # ------------------------------------------------------------------ report
    def machine(self):
        cpu = "?"
        try:
            for line in open("/proc/cpuinfo"):
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GIB
        return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Linux {platform.release()}"

    def versions(self):
        def first_line(cmd):
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
                return (out.stdout or out.stderr).strip().splitlines()[0]
            except Exception:
                return "?"
        import boto3
        return {"java": first_line(["java", "-version"]), "aws": first_line(["aws", "--version"]),
                "rclone": first_line(["rclone", "version"]), "boto3": boto3.__version__, "s3proxy": "4.1.0"}

    def collected_versions(self):
        t = getattr(self, "_versions_thread", None)
        if t:
            t.join(60)
            return self._versions
        return self.versions()

    def report(self, argv):
        groups = {}
        for r in self.runs:
            groups.setdefault((r["dataset"], r["mode"], r["client"]), []).append(r)
        lines = [f"# Upload benchmark {self.stamp}", "",
                 f"- Machine: {self.machine()}",
                 "- Versions: " + ", ".join(f"{k} {v}" for k, v in self.collected_versions().items()),
                 f"- Command: `python3 bench/run.py {' '.join(argv)}`",
                 f"- Plan: {self.args.plan}; repetitions: {self.args.reps}, interleaved round-robin per cell"
                 "; medians of checked runs only",
                 f"- Latency modes: RTT/2 each way per chunk, window {self.args.window_mib:g} MiB per direction"
                 + (f", {self.args.bandwidth_mbit:g} Mbit/s per connection" if self.args.bandwidth_mbit else ", no bandwidth cap"),
                 ]
        for mode, rig in self.rigs.items():
            cuts = sorted({f"{r['dataset']}: {r['files'] or 'whole set'}" for r in self.runs if r["mode"] == mode})
            lines.append(f"- WAN {mode}: {rig.describe()}" + (f"; data cut to {', '.join(cuts)}" if cuts else ""))
        if self.agent_jar:
            lines.append(f"- Agent: {self.agent_jar}")
        if clients.AGENT_ARGS:
            lines.append(f"- Extra agent flags (BENCH_AGENT_ARGS): `{' '.join(clients.AGENT_ARGS)}`")
        for name, why in self.skipped.items():
            lines.append(f"- Skipped {name}: {why}")
        lines += ["", "## Medians", "",
                  "| set | mode | client | ok | wall s | MiB/s | link util | client CPU s | CPU s/GiB | peak RSS MiB | "
                  "first object s | server CPU s | requests | rerun s | rerun per-file requests |",
                  "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        med = {}
        for key, runs in groups.items():
            ok = [r for r in runs if r["ok"]]
            m = {f: median([r.get(f) for r in ok]) for f in
                 ("wall_s", "mib_s", "link_util", "cpu_s", "cpu_s_per_gib", "rss_mib", "first_object_s", "server_cpu_s",
                  "request_total", "rerun_s", "rerun_per_file_requests")}
            med[key] = m
            lines.append(f"| {key[0]} | {key[1]} | {key[2]} | {len(ok)}/{len(runs)} | {fmt(m['wall_s'])} | "
                         f"{fmt(m['mib_s'], 1)} | {pct(m['link_util'])} | {fmt(m['cpu_s'])} | {fmt(m['cpu_s_per_gib'])} | {fmt(m['rss_mib'], 0)} | "
                         f"{fmt(m['first_object_s'])} | {fmt(m['server_cpu_s'])} | {fmt(m['request_total'], 0)} | "
                         f"{fmt(m['rerun_s'])} | {fmt(m['rerun_per_file_requests'], 0)} |")
        lines += ["", "## Agent / peer", "",
                  "Throughput ratio = agent MiB/s ÷ peer MiB/s (> 1: agent faster); "
                  "CPU ratio = agent CPU s/GiB ÷ peer CPU s/GiB (< 1: agent cheaper); both from medians. "
                  "Paired = median over repetitions of (agent run i ÷ peer run i).", "",
                  "| set | mode | peer | throughput ratio | paired throughput ratio | CPU ratio |",
                  "|---|---|---|---:|---:|---:|"]
        any_ratio = False
        for (d, mode, c), m in med.items():
            a = med.get((d, mode, "agent"))
            if c == "agent" or not a or a["mib_s"] is None or m["mib_s"] is None:
                continue
            any_ratio = True
            cpu_ratio = a["cpu_s_per_gib"] / m["cpu_s_per_gib"] if m["cpu_s_per_gib"] else None
            agent_by_rep = {r["rep"]: r for r in groups[(d, mode, "agent")] if r["ok"]}
            paired = median([agent_by_rep[r["rep"]]["mib_s"] / r["mib_s"] for r in groups[(d, mode, c)]
                             if r["ok"] and r["rep"] in agent_by_rep])
            lines.append(f"| {d} | {mode} | {c} | {fmt(a['mib_s'] / m['mib_s'])} | {fmt(paired)} | {fmt(cpu_ratio)} |")
        if not any_ratio:
            lines.append("| – | – | – | agent not run | – | – |")
        lines += ["", "## Targets (issue 6)", ""] + [f"- {t}" for t in targets(med)]
        if any(parse_wan_mode(k[1]) for k in med):
            lines += ["", "## Targets (issue 12)", ""] + [f"- {t}" for t in wan_targets(med)]
        if self.bwcheck:
            lines += ["", "## Bandwidth cap (--bwlimit)", ""] + bwlimit_lines(self.bwcheck)
        if self.tick:
            lines += ["", "## Monitor tick", ""] + tick_table(self.tick[0], self.args.reps, self.tick[2])
        lines += ["", "## All runs", "",
                  "| set | mode | client | rep | result | wall s | MiB/s | uplink Mbit/s | RTT ms | link util | CPU s | "
                  "RSS MiB | first s | Content-Type | S3 requests | rerun s | rerun requests |",
                  "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|"]
        for r in self.runs:
            res = "ok" if r["ok"] else "FAILED: " + "; ".join(r["problems"])
            lines.append(f"| {r['dataset']} | {r['mode']} | {r['client']} | {r['rep']} | {res} | {fmt(r['wall_s'])} | "
                         f"{fmt(r['mib_s'], 1)} | {fmt(r.get('wan_rate_mbit'), 1)} | {fmt(r.get('wan_rtt_ms'), 1)} | "
                         f"{pct(r.get('link_util'))} | {fmt(r.get('cpu_s'))} | {fmt(r.get('rss_mib'), 0)} | "
                         f"{fmt(r.get('first_object_s'))} | {r.get('content_type') or '–'} | {short_requests(r.get('requests'))} | "
                         f"{fmt(r.get('rerun_s'))} | {short_requests(r.get('rerun_requests')) if 'rerun_s' in r else '–'} |")
        text = "\n".join(lines) + "\n"
        os.makedirs(self.args.out, exist_ok=True)
        path = os.path.join(self.args.out, f"{self.stamp}.md")
        with open(path, "w") as f:
            f.write(text)
        with open(os.path.join(self.args.out, f"{self.stamp}.json"), "w") as f:
            json.dump({"args": vars(self.args), "skipped": self.skipped, "runs": self.runs,
                       "wan": {m: rig.describe() for m, rig in self.rigs.items()}, "bwlimit_check": self.bwcheck},
                      f, indent=1)
        print()
        print(text)
        print(f"results: {os.path.relpath(path, REPO_DIR)} (logs in {os.path.relpath(self.logdir, REPO_DIR)})")


def snapshot_agent_jar(folder):
    """Copy the agent jar once, so that a colleague's rebuild in the middle of a long run can neither
    break runs nor mix two builds in one table. Returns a description for the report."""
    import hashlib
    import clients
    if not os.path.exists(clients.AGENT_JAR):
        return None
    copy = os.path.join(folder, "rmi360-agent.jar")
    shutil.copy2(clients.AGENT_JAR, copy)
    with open(copy, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()[:12]
    built = datetime.datetime.fromtimestamp(os.path.getmtime(copy), datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    desc = f"{os.path.relpath(clients.AGENT_JAR, REPO_DIR)} built {built}, sha256 {sha}…"
    clients.AGENT_JAR = copy  # the client lambdas read it at call time
    log(f"agent jar: {desc} (running a copy)")
    return desc


def _terminate(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv):
    signal.signal(signal.SIGTERM, _terminate)  # stop S3Proxy and the proxies on kill/timeout too
    signal.signal(signal.SIGHUP, _terminate)
    args = parse_args(argv)
    bench = Bench(args)
    t0 = time.monotonic()
    try:
        bench.start()
        if args.warmup:
            bench.warm_up()
        bench.matrix()
        if args.bwlimit_check:
            bench.bwlimit_check()
        if args.tick:
            bench.ticks()
    except KeyboardInterrupt:
        print("interrupted: reporting the runs so far", flush=True)
    finally:
        bench.stop()
    if bench.runs or bench.bwcheck:
        bench.report(argv)
    failed = [r for r in bench.runs if not r["ok"]]
    tick_failed = bench.tick[1] if bench.tick else 0
    print(f"{len(bench.runs)} runs, {len(failed)} failed"
          + (f"; {tick_failed} failed ticks" if bench.tick else "") + f"; {time.monotonic() - t0:.0f} s", flush=True)
    skipped = list(bench.skipped) + (["monitor tick"] if bench.tick and bench.tick[2] else [])
    if skipped and os.environ.get("CI") == "true":
        print(f"CI=true: skipped clients count as failures ({', '.join(skipped)})", flush=True)
        return 1
    if args.bwlimit_check:
        return 1 if bwlimit_failed(bench.bwcheck) or (bench.bwcheck is None and not bench.skipped) else 0
    return 1 if failed or tick_failed or bwlimit_failed(bench.bwcheck) or not bench.runs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
