#!/usr/bin/env python3
"""Reproduction of the legacy toolbox uploader (copy_to_aws.py) for the benchmarks.

Written from shared/reference/legacy-toolbox.md, not from its code. The algorithm:
- walk DIR recursively, keep *.jpg / *.jpeg (any case); key = <prefix>/<relative path> with '/';
- boto3 TransferManager (upload_file) with multipart threshold 16 MiB, part size 8 MiB,
  max_concurrency = max_workers (16), ContentType image/jpeg;
- files are started in batches of 25 threads; each batch is joined before the next starts, so the
  slowest file of a batch holds up the next 25;
- optional CSV log (timestamp, local_file, s3_key, status, error, size_bytes, duration_sec).

Credentials come from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).

    python3 bench/legacy_uploader.py DIR --bucket B --prefix P --endpoint-url URL [--region us-east-1]
"""
import argparse
import csv
import datetime
import os
import sys
import threading
import time

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

MIB = 1 << 20
BATCH_SIZE = 25


def find_images(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.lower().endswith((".jpg", ".jpeg")):
                out.append(os.path.join(dirpath, name))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--bucket", required=True)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--endpoint-url")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--max-workers", type=int, default=16)
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--log", help="CSV log file (the toolbox's resume log)")
    args = ap.parse_args(argv)

    # One client shared by all threads, as boto3 recommends. The pool is sized for a batch so the
    # reproduction is not slowed by connection churn (the toolbox's own setting is not recorded).
    s3 = boto3.client("s3", endpoint_url=args.endpoint_url, region_name=args.region,
                      config=Config(retries={"max_attempts": args.retries},
                                    max_pool_connections=BATCH_SIZE + args.max_workers))
    transfer = TransferConfig(multipart_threshold=16 * MIB, multipart_chunksize=8 * MIB,
                              max_concurrency=args.max_workers, use_threads=True)

    root = os.path.abspath(args.dir)
    files = find_images(root)
    prefix = args.prefix.strip("/")
    lock = threading.Lock()
    stats = {"uploaded": 0, "error": 0, "bytes": 0}
    log_rows = []

    def upload(path):
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        key = f"{prefix}/{rel}" if prefix else rel
        size = os.path.getsize(path)
        t0 = time.monotonic()
        status, error = "uploaded", ""
        try:
            s3.upload_file(path, args.bucket, key, ExtraArgs={"ContentType": "image/jpeg"}, Config=transfer)
        except Exception as e:  # the toolbox logged and went on
            status, error = "error", str(e)
        with lock:
            stats[status] += 1
            if status == "uploaded":
                stats["bytes"] += size
            log_rows.append([datetime.datetime.now(datetime.timezone.utc).isoformat(), path, key, status,
                             error, size, round(time.monotonic() - t0, 3)])

    started = time.monotonic()
    for i in range(0, len(files), BATCH_SIZE):
        threads = [threading.Thread(target=upload, args=(p,)) for p in files[i:i + BATCH_SIZE]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    elapsed = time.monotonic() - started

    if args.log:
        with open(args.log, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["timestamp", "local_file", "s3_key", "status", "error", "size_bytes", "duration_sec"])
            w.writerows(log_rows)
    mb = stats["bytes"] / 1e6
    print(f"Total Files: {len(files)}, Uploaded: {stats['uploaded']}, Failed: {stats['error']}, "
          f"Elapsed Time (sec): {elapsed:.2f}, Total Size (MB): {mb:.1f}, "
          f"Average Speed (MB/sec): {mb / elapsed if elapsed else 0:.1f}")
    for row in log_rows:
        if row[3] == "error":
            print(f"error: {row[2]}: {row[4]}", file=sys.stderr)
            break
    return 1 if stats["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
