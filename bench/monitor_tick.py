#!/usr/bin/env python3
"""Monitor-tick benchmark (issue item 4): one ProgressMonitor tick over N objects on S3Proxy.

Seeds a bucket per N with N tiny .jpg objects under <prefix>/ (written into S3Proxy's store, or
with --seed api by PutObject from 32 threads), times a bare
ListObjectsV2 walk over them as the floor, then times the agent's tick:

    java -jar agent/target/rmi360-agent.jar monitor tick --slug S --bucket B --prefix P --endpoint-url URL

(skipped with a line while the jar or the subcommand does not exist). Results go to
bench/results/<timestamp>-monitor-tick.md and are printed.

    python3 bench/monitor_tick.py                    # N = 10,000 and 100,000, 3 reps
    python3 bench/monitor_tick.py --objects 500 --reps 1
"""
import argparse
import datetime
import hashlib
import json
import os
import signal
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import BENCH_DIR, REPO_DIR, WORK_DIR, S3ProxyServer, bucket_totals, log, run_measured  # noqa: E402
from clients import MONITOR_TICK, Target, client_env  # noqa: E402

SLUG = "ABC25101"


BODY = b"\xff\xd8\xff\xe0" + b"\0" * 10 + b"\xff\xd9"  # 16 bytes: a JPEG's first and last markers


def key(prefix, i):
    return f"{prefix}/d{i // 1000:03d}/img_{i:06d}.jpg"


def put_progress(s3, bucket, n):
    """A mid-upload progress document (expected_total = 2N), so the tick works on real numbers and
    stays In Progress (no rule to disable)."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    doc = {"project_slug": SLUG, "upload_status": "In Progress", "stalls": 0, "count": 0,
           "expected_total": 2 * n, "start_time": (now - datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
           "last_updated": (now - datetime.timedelta(minutes=5)).isoformat().replace("+00:00", "Z"),
           "cloud_info": {"bucket": bucket, "prefix": SLUG, "region": "us-east-1"}}
    s3.put_object(Bucket=bucket, Key=f"status/progress_{SLUG}.json", Body=json.dumps(doc).encode(),
                  ContentType="application/json")


def seed_fs(server, s3, bucket, prefix, n):
    """Write the objects straight into S3Proxy's filesystem-nio2 store, with the same extended
    attributes S3Proxy writes itself (Content-MD5 -> ETag, Content-Type): ~100x faster than PUTs on
    a 2-core machine, and listed exactly like uploaded objects."""
    s3.create_bucket(Bucket=bucket)
    md5 = hashlib.md5(BODY).digest()
    root = server.bucket_dir(bucket)
    t0 = time.monotonic()
    for i in range(n):
        path = os.path.join(root, *key(prefix, i).split("/"))
        if i % 1000 == 0:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(BODY)
        os.setxattr(path, "user.user.content-md5", md5)
        os.setxattr(path, "user.user.content-type", b"image/jpeg")
        os.setxattr(path, "user.user.storage-tier", b"STANDARD")
    return n / (time.monotonic() - t0)


def seed_api(server, s3, bucket, prefix, n, threads=32):
    """N PutObject calls (boto3, 32 threads); returns objects per second."""
    s3.create_bucket(Bucket=bucket)
    body = BODY

    def put(i):
        s3.put_object(Bucket=bucket, Key=key(prefix, i), Body=body,
                      ContentType="image/jpeg")

    t0 = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        for _ in pool.map(put, range(n), chunksize=64):
            pass
    return n / (time.monotonic() - t0)


def tick_rows(server, counts, reps, seed="fs", timeout=600, logdir=None, skip=None):
    """Seed a bucket per N on a running S3Proxy and time the agent's tick there; returns (rows, failed)."""
    logdir = logdir or os.path.join(WORK_DIR, "logs")
    os.makedirs(logdir, exist_ok=True)
    rows, failed = [], 0
    s3 = server.client(max_pool=32)
    for n in counts:
        bucket = f"tick-{n}"  # S3Proxy's data folder is fresh per invocation
        rate = (seed_fs if seed == "fs" else seed_api)(server, s3, bucket, SLUG, n)
        count, _ = bucket_totals(s3, bucket, SLUG + "/")
        log(f"seeded {bucket} ({seed}): {count} objects at {rate:.0f} objects/s")
        if count != n:
            raise SystemExit(f"seeding {bucket} left {count} objects, expected {n}")
        # The floor, once: S3Proxy lists ~1,000 keys per 0.4-0.5 s here (about 45 s at 100,000).
        t0 = time.monotonic()
        bucket_totals(s3, bucket, SLUG + "/")
        row = {"n": n, "list_s": time.monotonic() - t0, "tick": []}
        print(f"  {n} objects: bare ListObjectsV2 walk (boto3) {row['list_s']:.2f} s", flush=True)
        if not skip:
            target = Target("", bucket, SLUG, server.endpoint, server.access_key, server.secret_key)
            for rep in range(1, reps + 1):
                put_progress(s3, bucket, n)
                before = server.requests(bucket)
                m = run_measured(MONITOR_TICK.command(target), client_env(MONITOR_TICK, target), timeout,
                                 None, os.path.join(logdir, f"{bucket}-{rep}.log"))
                after = server.requests(bucket)
                reqs = {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}
                ok = m.exit_code == 0 and not m.timed_out
                failed += not ok
                row["tick"].append((ok, m))
                row["requests"] = reqs
                print(f"  {n} objects: agent tick rep {rep}: {m.wall_s:.2f} s cpu {m.cpu_s:.2f} s "
                      f"rss {m.peak_rss_mib:.0f} MiB {'ok' if ok else 'FAILED exit %d' % m.exit_code}; "
                      f"requests {reqs}; says: {m.output_tail.strip()[-160:]}", flush=True)
                if not ok:
                    print("    last output: " + m.output_tail.strip()[-600:], flush=True)
        rows.append(row)
    return rows, failed


def tick_table(rows, reps, skip=None):
    lines = [f"- {reps} reps, medians; objects are 16-byte .jpg keys, 1,000 per folder, on S3Proxy 4.1.0 direct;"
             " a progress document with expected_total = 2N is put before each tick"]
    if skip:
        lines.append(f"- Agent tick skipped: {skip}")
    lines += ["", "| objects | bare list s (once) | tick wall s | tick CPU s | tick peak RSS MiB | ok | tick requests |",
              "|---:|---:|---:|---:|---:|---|---|"]
    for row in rows:
        ok = [m for good, m in row["tick"] if good]
        med = ((lambda f, d=2: f"{statistics.median(f(m) for m in ok):.{d}f}") if ok else (lambda f, d=2: "–"))
        lines.append(f"| {row['n']:,} | {row['list_s']:.2f} | {med(lambda m: m.wall_s)} | {med(lambda m: m.cpu_s)} | "
                     f"{med(lambda m: m.peak_rss_mib, 0)} | {len(ok)}/{len(row['tick'])} | "
                     f"{', '.join(f'{k} {v}' for k, v in sorted(row.get('requests', {}).items())) or '–'} |")
    return lines


def _terminate(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv):
    signal.signal(signal.SIGTERM, _terminate)  # stop S3Proxy on kill/timeout too
    ap = argparse.ArgumentParser(description="ProgressMonitor tick benchmark on S3Proxy")
    ap.add_argument("--objects", default="10000,100000", help="comma list of object counts")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", choices=("fs", "api"), default="fs",
                    help="fs: write into S3Proxy's store directly (fast, default); api: PutObject per object")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--out", default=os.path.join(BENCH_DIR, "results"))
    args = ap.parse_args(argv)
    counts = [int(x) for x in args.objects.split(",") if x.strip()]

    skip = MONITOR_TICK.missing()
    if skip:
        print(f"skip agent monitor tick: {skip}", flush=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    server = S3ProxyServer().start()
    try:
        rows, failed = tick_rows(server, counts, args.reps, args.seed, args.timeout,
                                 os.path.join(WORK_DIR, "logs", stamp + "-tick"), skip)
    finally:
        server.stop()

    lines = [f"# Monitor tick benchmark {stamp}", "", f"- Command: `python3 bench/monitor_tick.py {' '.join(argv)}`"]
    lines += tick_table(rows, args.reps, skip)
    text = "\n".join(lines) + "\n"
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, f"{stamp}-monitor-tick.md")
    with open(path, "w") as f:
        f.write(text)
    print()
    print(text)
    print(f"results: {os.path.relpath(path, REPO_DIR)}")
    if skip and os.environ.get("CI") == "true":
        print("CI=true: the skipped agent tick counts as a failure", flush=True)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
