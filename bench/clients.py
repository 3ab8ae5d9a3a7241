"""The uploaders under test. Each client is one entry: a name, what it needs, and its command line.

To add or change a client, edit CLIENTS below; `run.py --clients` takes these names.
"""
import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Callable

from benchlib import BENCH_DIR, REGION, REPO_DIR, WORK_DIR

# BENCH_AGENT_JAR points the bench at another build (e.g. to compare two versions of the engine).
AGENT_JAR = os.environ.get("BENCH_AGENT_JAR") or os.path.join(REPO_DIR, "agent", "target", "rmi360-agent.jar")
# BENCH_AGENT_LAUNCHER: another launcher for it, e.g. an unpacked bundle's bin/rmi360 (its own runtime).
LAUNCHER = os.environ.get("BENCH_AGENT_LAUNCHER") or os.path.join(REPO_DIR, "bin", "rmi360")
# Extra agent flags for tuning runs (e.g. BENCH_AGENT_ARGS="--concurrency 64"); empty in reported runs.
AGENT_ARGS = os.environ.get("BENCH_AGENT_ARGS", "").split()
# BENCH_BASE_JAR (and optionally BENCH_BASE_LAUNCHER, default bin/rmi360): a second agent build run as
# client "agent-base", interleaved with "agent" in the same session (before -> after on a noisy machine).
BASE_JAR = os.environ.get("BENCH_BASE_JAR", "")
BASE_LAUNCHER = os.environ.get("BENCH_BASE_LAUNCHER") or LAUNCHER


@dataclass(frozen=True)
class Target:
    """Where one run uploads to."""
    data_dir: str
    bucket: str
    prefix: str
    endpoint: str
    access_key: str
    secret_key: str
    state_dir: str = ""  # per-run scratch folder for clients that keep local state (the agent's journal)


@dataclass(frozen=True)
class Client:
    name: str
    command: Callable  # Target -> argv
    requires: tuple = ()  # executables (on PATH) or files that must exist
    env: Callable = None  # Target -> extra environment variables
    drop_env: tuple = ()  # variables removed for this client
    notes: str = ""
    probe: tuple = ()  # a command that must exit 0 for the client to count as installed
    probe_expect: str = ""  # ... and print this (picocli shows the root help for an unknown subcommand)

    def missing(self):
        """A one-line reason why this client cannot run here, or None."""
        for r in self.requires:
            if os.sep in r:
                if not os.path.exists(r):
                    return f"{os.path.relpath(r, REPO_DIR)} not found (build it with `make build`)"
            elif shutil.which(r) is None:
                return f"`{r}` not on PATH"
        if self.probe:
            shown = " ".join(os.path.relpath(a, REPO_DIR) if os.sep in a else a for a in self.probe)
            try:
                p = subprocess.run(self.probe, capture_output=True, text=True, timeout=60)
            except subprocess.TimeoutExpired:
                return f"`{shown}` timed out"
            if p.returncode != 0:
                first = (p.stderr or p.stdout).strip().splitlines()[:1]
                return f"`{shown}` exits {p.returncode}: {first[0] if first else ''}"
            if self.probe_expect and self.probe_expect not in p.stdout + p.stderr:
                return f"`{shown}` does not show {self.probe_expect!r} (subcommand not there yet)"
        return None


def agent_args(t, extra=()):
    return [LAUNCHER, "upload", t.data_dir, "--bucket", t.bucket, "--prefix", t.prefix, "--endpoint-url",
            t.endpoint, "--region", REGION, "--no-monitor", "--progress=none", "--state-dir", t.state_dir,
            *extra] + AGENT_ARGS


def _agent(name, extra, notes):
    return Client(name, lambda t: agent_args(t, extra),
                  requires=("java", LAUNCHER, AGENT_JAR),
                  probe=("env", f"RMI360_JAR={AGENT_JAR}", LAUNCHER, "upload", "--help"),  # the jar it will run
                  probe_expect="rmi360 upload",
                  env=lambda t: {"RMI360_JAR": AGENT_JAR, "XDG_CACHE_HOME": os.path.join(WORK_DIR, "cache")},
                  notes=notes)


def _rclone_env(t):
    conf = os.path.join(WORK_DIR, "rclone.conf")
    if not os.path.exists(conf):
        os.makedirs(WORK_DIR, exist_ok=True)
        open(conf, "w").close()
    return {
        "RCLONE_CONFIG": conf,
        "RCLONE_CONFIG_BENCH_TYPE": "s3",
        "RCLONE_CONFIG_BENCH_PROVIDER": "Other",
        "RCLONE_CONFIG_BENCH_ENDPOINT": t.endpoint,
        "RCLONE_CONFIG_BENCH_REGION": REGION,
        "RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE": "true",
        "RCLONE_CONFIG_BENCH_ACCESS_KEY_ID": t.access_key,
        "RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY": t.secret_key,
    }


def _aws_env(t):
    conf = os.path.join(WORK_DIR, "aws-config")
    if not os.path.exists(conf):
        os.makedirs(WORK_DIR, exist_ok=True)
        with open(conf, "w") as f:
            f.write("[default]\n")  # CLI defaults: 10 concurrent requests, 8 MB threshold and parts
    return {"AWS_CONFIG_FILE": conf}


CLIENTS = [
    # The agent as the README tells users to run it: bin/rmi360, which runs the jar with JVM settings
    # for a short-lived CLI (C1 only, serial GC, -Xmx1g; see bin/rmi360). RMI360_JAR points it at the
    # runner's copy of the jar. "agent-jar" is the bare `java -jar` (default JVM: C2, G1 sized to the
    # machine), not in the plans: --clients agent-jar runs it, for the difference.
    # --state-dir keeps its journal out of the data set (it defaults to DIR/.rmi360, which the other
    # clients would then upload) and fresh per bucket; a rerun reuses it.
    _agent("agent", (), "bin/rmi360 (java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx1g -Xss512k -jar)"),
    Client("agent-base", lambda t: [BASE_LAUNCHER, "upload", t.data_dir, "--bucket", t.bucket,
                                    "--prefix", t.prefix, "--endpoint-url", t.endpoint, "--region", REGION,
                                    "--no-monitor", "--progress=none", "--state-dir", t.state_dir] + AGENT_ARGS,
           requires=("java", BASE_LAUNCHER, BASE_JAR or "/BENCH_BASE_JAR unset"),
           env=lambda t: {"RMI360_JAR": BASE_JAR, "XDG_CACHE_HOME": os.path.join(WORK_DIR, "cache")},
           notes="bin/rmi360 on BENCH_BASE_JAR (the build to compare against), only with --clients"),
    Client("agent-jar", lambda t: ["java", "-jar", AGENT_JAR, "upload", t.data_dir, "--bucket", t.bucket,
                                   "--prefix", t.prefix, "--endpoint-url", t.endpoint, "--region", REGION,
                                   "--no-monitor", "--progress=none", "--state-dir", t.state_dir] + AGENT_ARGS,
           requires=("java", AGENT_JAR), probe=("java", "-jar", AGENT_JAR, "upload", "--help"),
           probe_expect="rmi360 upload", notes="java -jar with the JVM's defaults"),
    Client("legacy", lambda t: ["python3", os.path.join(BENCH_DIR, "legacy_uploader.py"), t.data_dir,
                                "--bucket", t.bucket, "--prefix", t.prefix, "--endpoint-url", t.endpoint,
                                "--region", REGION],
           requires=("python3",), notes="batches of 25 threads, 16 MiB threshold, 8 MiB parts, 16 workers"),
    Client("aws-cli", lambda t: ["aws", "s3", "cp", t.data_dir, f"s3://{t.bucket}/{t.prefix}/", "--recursive",
                                 "--endpoint-url", t.endpoint, "--region", REGION,
                                 "--only-show-errors", "--no-progress"],
           requires=("aws",), env=_aws_env, notes="AWS CLI v1 defaults"),
    Client("rclone", lambda t: ["rclone", "copy", t.data_dir, f"bench:{t.bucket}/{t.prefix}"],
           requires=("rclone",), env=_rclone_env, drop_env=("AWS_CA_BUNDLE",), notes="defaults (4 transfers)"),
    Client("rclone16", lambda t: ["rclone", "copy", "--transfers", "16", t.data_dir, f"bench:{t.bucket}/{t.prefix}"],
           requires=("rclone",), env=_rclone_env, drop_env=("AWS_CA_BUNDLE",), notes="--transfers 16"),
]

# The agent pinned to N files in flight (its default is adaptive): the WAN plan compares the default
# with its best fixed setting. Not in the loopback plans.
FIXED_CONCURRENCY = (8, 16, 32, 64)
CLIENTS += [_agent(f"agent-c{n}", ("--concurrency", str(n)), f"the agent with --concurrency {n}")
            for n in FIXED_CONCURRENCY]

BY_NAME = {c.name: c for c in CLIENTS}

# Issue item 4: the ProgressMonitor tick, run by the agent against a seeded bucket.
MONITOR_TICK = Client(
    "monitor-tick", lambda t: ["java", "-jar", AGENT_JAR, "monitor", "tick", "--slug", t.prefix, "--bucket", t.bucket,
                               "--prefix", t.prefix, "--endpoint-url", t.endpoint, "--region", REGION],
    requires=("java", AGENT_JAR), probe=("java", "-jar", AGENT_JAR, "monitor", "tick", "--help"),
    probe_expect="rmi360 monitor tick")


def client_env(client, target, base=None):
    env = dict(base if base is not None else os.environ)
    for k in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_SESSION_TOKEN"):
        env.pop(k, None)
    for k in client.drop_env:
        env.pop(k, None)
    env["AWS_ACCESS_KEY_ID"] = target.access_key
    env["AWS_SECRET_ACCESS_KEY"] = target.secret_key
    env["AWS_DEFAULT_REGION"] = REGION
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    if client.env:
        env.update(client.env(target))
    return env
