"""Plumbing for the benchmarks: S3Proxy, the latency proxy, data sets, measured runs, checks.

Everything generated lives under bench/.work/ (git-ignored). Only the Python standard library and
boto3 are used.
"""
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(BENCH_DIR)
WORK_DIR = os.path.join(BENCH_DIR, ".work")
REGION = "us-east-1"
MIB = 1 << 20
KIB = 1 << 10


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- data sets

@dataclass(frozen=True)
class DataSet:
    """Groups of (count, size) files; file names end in .jpg, 100 files per sub-folder."""
    name: str
    groups: tuple
    description: str
    source: str = None  # a cut: the first files of this data set, as hard links (see cut_dataset)

    @property
    def count(self):
        return sum(c for c, _ in self.groups)

    @property
    def total_bytes(self):
        return sum(c * s for c, s in self.groups)

    @property
    def path(self):
        return os.path.join(WORK_DIR, "data", self.name)


DATASETS = {
    "A": DataSet("A", ((2000, 256 * KIB),), "2,000 x 256 KiB"),
    "B": DataSet("B", ((200, 8 * MIB),), "200 x 8 MiB"),
    "C": DataSet("C", ((2, 256 * MIB),), "2 x 256 MiB"),
    "D": DataSet("D", ((100_000, 4 * KIB),), "100,000 x 4 KiB"),
    # small variants for trying things out (same shapes, fewer files)
    "A200": DataSet("A200", ((200, 256 * KIB),), "200 x 256 KiB"),
    "D2K": DataSet("D2K", ((2000, 4 * KIB),), "2,000 x 4 KiB"),
    # smoke: many small files plus one multipart-sized file, so every client exercises both paths
    "S": DataSet("S", ((20, 256 * KIB), (1, 20 * MIB)), "smoke: 20 x 256 KiB + 1 x 20 MiB"),
}


def cut_dataset(ds, rate_mbit, seconds):
    """The first N files of a one-group data set, N sized so that they take about `seconds` at rate_mbit
    (at least 1 file, at most all). Same names and bytes as in the full set (hard links, cheap)."""
    if len(ds.groups) != 1:
        return ds  # mixed sets (S) are used whole
    count, size = ds.groups[0]
    n = max(1, min(count, round(rate_mbit * 1e6 / 8 * seconds / size)))
    if n == count:
        return ds
    size_s = f"{size // MIB} MiB" if size >= MIB else f"{size // KIB} KiB"
    return DataSet(f"{ds.name}-first{n}", ((n, size),), f"first {n:,} x {size_s} of {ds.name}", ds.name)


def _link_cut(ds):
    parent = DATASETS[ds.source]
    ensure_dataset(parent)
    for i in range(ds.groups[0][0]):
        rel = os.path.join("g0", f"d{i // 100:04d}", f"img_{i:06d}.jpg")
        os.makedirs(os.path.dirname(os.path.join(ds.path, rel)), exist_ok=True)
        os.link(os.path.join(parent.path, rel), os.path.join(ds.path, rel))


def ensure_dataset(ds):
    """Generate the data set once (deterministic bytes per file), then reuse it."""
    marker = ds.path + ".complete"  # outside the folder: every client uploads the whole folder
    spec = repr(ds.groups)
    if os.path.exists(marker) and open(marker).read() == spec:
        return ds.path
    if os.path.exists(ds.path):
        shutil.rmtree(ds.path)
    os.makedirs(ds.path)
    if ds.source:
        _link_cut(ds)
        with open(marker, "w") as f:
            f.write(spec)
        return ds.path
    log(f"generating data set {ds.name} ({ds.description}) in {ds.path} ...")
    t0 = time.monotonic()
    for gi, (count, size) in enumerate(ds.groups):
        for i in range(count):
            folder = os.path.join(ds.path, f"g{gi}", f"d{i // 100:04d}")
            if i % 100 == 0:
                os.makedirs(folder, exist_ok=True)
            rng = random.Random(f"{ds.name}-{gi}-{i}")
            with open(os.path.join(folder, f"img_{i:06d}.jpg"), "wb") as f:
                left = size
                while left > 0:
                    n = min(left, 4 * MIB)
                    f.write(rng.randbytes(n))
                    left -= n
    with open(marker, "w") as f:
        f.write(spec)
    log(f"data set {ds.name} ready in {time.monotonic() - t0:.1f} s")
    return ds.path


def warm_cache(ds):
    """Read every file once so that no client pays for a cold page cache."""
    buf = bytearray(4 * MIB)
    for dirpath, _, names in os.walk(ds.path):
        for n in names:
            with open(os.path.join(dirpath, n), "rb", buffering=0) as f:
                while f.readinto(buf):
                    pass


# --------------------------------------------------------------------------- S3Proxy

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu_seconds(pid):
    """utime+stime of a live process (and its reaped children) from /proc, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        return ticks / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def s3proxy_classpath():
    pom = os.path.join(BENCH_DIR, "s3proxy", "pom.xml")
    out = os.path.join(WORK_DIR, "s3proxy.classpath")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(pom):
        os.makedirs(WORK_DIR, exist_ok=True)
        log("resolving the S3Proxy 4.1.0 classpath with Maven ...")
        subprocess.run(["mvn", "-B", "-ntp", "-q", "-f", pom, "dependency:build-classpath",
                        f"-Dmdep.outputFile={out}"], check=True, stdout=subprocess.DEVNULL)
    return open(out).read().strip()


class S3ProxyServer:
    """S3Proxy 4.1.0 (filesystem-nio2 backend) in its own JVM on 127.0.0.1 with generated keys."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.access_key = "bench" + secrets.token_hex(6)
        self.secret_key = secrets.token_hex(20)
        self.basedir = os.path.join(WORK_DIR, f"s3data-{os.getpid()}")
        self.metrics_port = free_port()
        self.proc = None

    def start(self):
        cp = s3proxy_classpath()
        os.makedirs(self.basedir, exist_ok=True)
        os.makedirs(os.path.join(WORK_DIR, "logs"), exist_ok=True)
        props = os.path.join(WORK_DIR, "logs", f"s3proxy-{os.getpid()}.properties")
        with open(props, "w") as f:
            f.write("\n".join([
                f"s3proxy.endpoint={self.endpoint}",
                "s3proxy.authorization=aws-v2-or-v4",
                f"s3proxy.identity={self.access_key}",
                f"s3proxy.credential={self.secret_key}",
                "s3proxy.ignore-unknown-headers=true",
                # per-bucket, per-operation request counters (Prometheus text), read by requests()
                "s3proxy.metrics.enabled=true",
                "s3proxy.metrics.host=127.0.0.1",
                f"s3proxy.metrics.port={self.metrics_port}",
                "jclouds.provider=filesystem-nio2",
                f"jclouds.filesystem.basedir={self.basedir}",
                "",
            ]))
        self.log_path = os.path.join(WORK_DIR, "logs", f"s3proxy-{os.getpid()}.log")
        logf = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            ["java", "-Xmx2g", f"-Dlogback.configurationFile={os.path.join(BENCH_DIR, 's3proxy', 'logback.xml')}",
             "-cp", cp, "org.gaul.s3proxy.Main", "--properties", props],
            stdout=logf, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"S3Proxy exited with {self.proc.returncode}; see {self.log_path}")
            try:
                urllib.request.urlopen(self.endpoint + "/", timeout=1)
            except urllib.error.HTTPError:
                break  # 403 without credentials: it is serving
            except OSError:
                time.sleep(0.2)
                continue
            break
        else:
            raise RuntimeError(f"S3Proxy did not start within 60 s; see {self.log_path}")
        log(f"S3Proxy 4.1.0 on {self.endpoint} (data in {self.basedir})")
        return self

    def cpu_seconds(self):
        return proc_cpu_seconds(self.proc.pid)

    _COUNT = re.compile(r'^http_server_request_duration_seconds_count\{(.*)\} ([0-9.eE+]+)$')
    _LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')

    def requests(self, bucket):
        """{operation: count} of requests S3Proxy served for this bucket so far; failures (non-2xx)
        are counted under '<operation> <status>'. Empty if the metrics endpoint is unavailable."""
        try:
            text = urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=30).read()
        except OSError:
            return {}
        out = {}
        for line in text.decode("utf-8", "replace").splitlines():
            m = self._COUNT.match(line)
            if not m:
                continue
            labels = dict(self._LABEL.findall(m.group(1)))
            if labels.get("s3_bucket") != bucket:
                continue
            op = labels.get("s3_operation", "?")
            status = labels.get("http_response_status_code", "")
            if not status.startswith("2"):
                op = f"{op} {status}"
            out[op] = out.get(op, 0) + int(float(m.group(2)))
        return out

    def client(self, endpoint=None, max_pool=10):
        import boto3
        from botocore.config import Config
        return boto3.client("s3", endpoint_url=endpoint or self.endpoint, region_name=REGION,
                            aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key,
                            config=Config(s3={"addressing_style": "path"}, max_pool_connections=max_pool,
                                          retries={"max_attempts": 3, "mode": "standard"}))

    def bucket_dir(self, bucket):
        return os.path.join(self.basedir, bucket)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        shutil.rmtree(self.basedir, ignore_errors=True)


# --------------------------------------------------------------------------- latency proxy

def latency_proxy_classes():
    """Compile bench/LatencyProxy.java once into .work/classes (cheaper than source-launch per start)."""
    src = os.path.join(BENCH_DIR, "LatencyProxy.java")
    out = os.path.join(WORK_DIR, "classes")
    cls = os.path.join(out, "LatencyProxy.class")
    if not os.path.exists(cls) or os.path.getmtime(cls) < os.path.getmtime(src):
        os.makedirs(out, exist_ok=True)
        subprocess.run(["javac", "-d", out, src], check=True)
    return out


@dataclass
class LatencyProxyProcess:
    proc: subprocess.Popen
    port: int
    rtt_ms: int

    def cpu_seconds(self):
        return proc_cpu_seconds(self.proc.pid)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def start_latency_proxy(target_port, rtt_ms, bandwidth_mbit=0, window_bytes=4 * MIB, listen_host="127.0.0.1",
                        stats_file=None):
    """The latency proxy on listen_host (127.0.0.1, or the WAN rig's server-side veth address)."""
    classes = latency_proxy_classes()
    cmd = ["java", "-Xmx1g", "-XX:+UseSerialGC", "-cp", classes, "LatencyProxy",
           "--listen", f"{listen_host}:0", "--target", f"127.0.0.1:{target_port}", "--rtt-ms", str(rtt_ms),
           "--window-bytes", str(window_bytes)]
    if bandwidth_mbit:
        cmd += ["--bandwidth-mbit", str(bandwidth_mbit)]
    if stats_file:
        cmd += ["--stats-file", stats_file, "--stats-ms", "250"]
    os.makedirs(WORK_DIR, exist_ok=True)
    os.makedirs(os.path.join(WORK_DIR, "logs"), exist_ok=True)
    errlog = open(os.path.join(WORK_DIR, "logs", f"latency-proxy-{rtt_ms}ms.log"), "a")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errlog, text=True)
    errlog.close()
    line = proc.stdout.readline().strip()
    if not line.startswith("LISTENING "):
        proc.kill()
        raise RuntimeError(f"latency proxy did not start: {line!r}")
    return LatencyProxyProcess(proc, int(line.split()[1]), rtt_ms)


# --------------------------------------------------------------------------- measured runs

@dataclass
class Measured:
    exit_code: int
    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    first_object_s: float  # time until the first file appears in the bucket on disk (None if never)
    timed_out: bool = False
    output_tail: str = ""


def _first_file_watch(bucket_dir, t0, stop, result):
    """Poll the S3Proxy bucket directory until any regular file appears (cheap: stops at the first)."""
    def has_file(d):
        try:
            with os.scandir(d) as it:
                for e in it:
                    if e.is_file(follow_symlinks=False):
                        return True
                    if e.is_dir(follow_symlinks=False) and has_file(e.path):
                        return True
        except OSError:
            pass
        return False

    while not stop.is_set():
        if has_file(bucket_dir):
            result.append(time.monotonic() - t0)
            return
        stop.wait(0.05)


def run_measured(cmd, env, timeout_s, bucket_dir=None, log_path=None, prefix=()):
    """Run one client process; wall time, CPU (user+sys of the whole reaped tree) and peak RSS via wait4.

    prefix (e.g. `ip netns exec NS`) goes in front of GNU time: `ip netns exec` execs its command in
    place, so time forks the client itself and reports the client's peak RSS, and wait4 on the
    outer pid still covers the client (time reaps it)."""
    out = open(log_path, "w") if log_path else subprocess.DEVNULL
    stop = threading.Event()
    first = []
    # Peak RSS comes from GNU time: a child forked from this Python process would report this
    # process's RSS as its own high-water mark (Linux carries it over exec). CPU comes from wait4 on
    # the whole tree (time itself adds ~1 ms).
    rss_file = None
    if os.path.exists("/usr/bin/time"):
        rss_file = os.path.join(WORK_DIR, f"rss-{os.getpid()}.txt")
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + list(cmd)
    cmd = list(prefix) + list(cmd)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    watcher = None
    if bucket_dir:
        watcher = threading.Thread(target=_first_file_watch, args=(bucket_dir, t0, stop, first), daemon=True)
        watcher.start()
    timed_out = []

    def kill():
        timed_out.append(True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout_s, kill)
    timer.start()
    try:
        _, status, ru = os.wait4(proc.pid, 0)
    except BaseException:  # interrupted: do not leave the client running
        timer.cancel()
        stop.set()
        kill()
        os.wait4(proc.pid, 0)
        raise
    wall = time.monotonic() - t0
    timer.cancel()
    stop.set()
    if watcher:
        watcher.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if log_path:
        out.close()
    tail = ""
    if log_path and os.path.exists(log_path):
        with open(log_path, "rb") as f:
            f.seek(max(0, os.path.getsize(log_path) - 2000))
            tail = f.read().decode("utf-8", "replace")
    rss_kib = ru.ru_maxrss
    if rss_file:
        try:
            rss_kib = int(open(rss_file).read().strip().splitlines()[-1])
            os.remove(rss_file)
        except (OSError, ValueError, IndexError):
            pass
    return Measured(proc.returncode, wall, ru.ru_utime + ru.ru_stime, rss_kib / 1024.0,
                    first[0] if first else None, bool(timed_out), tail)


# --------------------------------------------------------------------------- checks

def bucket_totals(s3, bucket, prefix=""):
    """(object count, total bytes) under the prefix, via ListObjectsV2."""
    count = total = 0
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
        for o in page.get("Contents", []):
            count += 1
            total += o["Size"]
    return count, total

