#!/usr/bin/env python3
"""Start-up harness (issue 12): interleaved runs of bin/rmi360 upload A against S3Proxy, per jar.

usage: python3 bench/startup.py REPS label=JAR[,launcher=PATH][,opts=JAVA_OPTS][,warmopts=JAVA_OPTS][,env:NAME=VALUE][,fresh=1] ...
e.g.   python3 bench/startup.py 5 base=/tmp/base.jar new=agent/target/rmi360-agent.jar
       (JDK 25 AOT cache: aot=JAR,env:JAVA=.../bin/java,env:RMI360_CDS=0,opts=-XX:AOTCache=F,warmopts=-XX:AOTCacheOutput=F)
One unmeasured first run per jar writes its dynamic CDS archive (each label has its own cache folder);
fresh=1 gives every run of that label an empty cache folder (a first run after unpacking: no archive yet).
An unpacked bundle: label=BUNDLE/lib/rmi360-agent.jar,launcher=BUNDLE/bin/rmi360 (its own runtime).
Per run: the RMI360_TRACE_STARTUP marks (ms since exec), the main thread's CPU ms and the process's
CPU ms when 'first file done' is printed (from /proc), load average, the host's steal time during the
run (CPU the hypervisor gave other guests: a busy host); then the run is killed.
At the end: medians per label, then each label against the first one repetition by repetition.
With CLASSLOAD=1 one extra run per jar logs class+load and counts sources.
"""
import os, sys, time, json, signal, subprocess, shutil, statistics, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import S3ProxyServer, DATASETS, ensure_dataset, WORK_DIR, REGION

TICK = os.sysconf("SC_CLK_TCK")
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DS = os.environ.get("DS", "A")


def cpu_ms(path):
    s = open(path).read()
    f = s[s.rindex(")") + 2:].split()
    return (int(f[11]) + int(f[12])) * 1000 // TICK


def steal_ms():
    """CPU time the hypervisor gave other guests while ours waited (all CPUs, /proc/stat): a busy host shows here."""
    with open("/proc/stat") as f:
        return int(f.readline().split()[8]) * 1000 // TICK


def main_tid(pid):
    for t in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        if int(t) != pid and open(f"/proc/{pid}/task/{t}/comm").read().strip() == "java":
            return int(t)
    return pid


def run(server, admin, label, spec, n, extra_opts="", complete=False):
    if complete and "warmopts" in spec:  # a training run (JDK 25 -XX:AOTCacheOutput)
        spec = dict(spec, opts=spec["warmopts"])
    bucket = f"st-{label}-{n}-{int(time.time()*1000)%100000}".lower()
    admin.create_bucket(Bucket=bucket)
    state = os.path.join(WORK_DIR, "startup-state", bucket)
    os.makedirs(state, exist_ok=True)
    ds = DATASETS[DS]
    env = dict(os.environ)
    for k in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        env.pop(k, None)
    env.update(AWS_ACCESS_KEY_ID=server.access_key, AWS_SECRET_ACCESS_KEY=server.secret_key,
               AWS_DEFAULT_REGION=REGION, AWS_EC2_METADATA_DISABLED="true", RMI360_JAR=spec["jar"],
               XDG_CACHE_HOME=os.path.join(WORK_DIR, "startup-cache", label + (f"-{bucket}" if spec.get("fresh") else "")),
               RMI360_TRACE_STARTUP="1",
               RMI360_JAVA_OPTS=(spec.get("opts", "") + " " + extra_opts).strip())
    env.update(spec.get("env", {}))
    cmd = [spec.get("launcher", os.path.join(REPO, "bin", "rmi360")), "upload", ds.path, "--bucket", bucket,
           "--prefix", "ABC25101", "--endpoint-url", server.endpoint, "--region", REGION, "--no-monitor",
           "--progress=none", "--state-dir", state]
    load = open("/proc/loadavg").read().split()[0]
    steal = steal_ms()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    marks, main_cpu, proc_cpu, out = {}, None, None, []
    for line in p.stderr:
        out.append(line)
        m = re.match(r"rmi360 trace:\s+(\d+) ms\s+(.*?)\s+\[", line)
        if m:
            marks[m.group(2)] = int(m.group(1))
            if m.group(2) == "first file done" and not complete:
                try:
                    main_cpu = cpu_ms(f"/proc/{p.pid}/task/{main_tid(p.pid)}/stat")
                    proc_cpu = cpu_ms(f"/proc/{p.pid}/stat")
                except OSError:
                    pass
                os.killpg(p.pid, signal.SIGKILL)
                break
    p.wait()
    steal = steal_ms() - steal
    shutil.rmtree(server.bucket_dir(bucket), ignore_errors=True)
    shutil.rmtree(state, ignore_errors=True)
    if spec.get("fresh"):
        shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
    if "first file done" not in marks:
        sys.stderr.write("".join(out[-20:]))
    return {"label": label, "load": float(load), "marks": marks, "main_cpu": main_cpu, "proc_cpu": proc_cpu,
            "steal": steal, "rc": p.returncode}


def classload(server, admin, label, spec):
    log = os.path.join(WORK_DIR, f"classload-{label}.log")
    if os.path.exists(log):
        os.remove(log)
    run(server, admin, label, spec, 0, f"-Xlog:class+load:file={log}")
    src = {"archive": 0, "jar": 0, "jrt": 0, "other": 0}
    jar_pkgs = {}
    for line in open(log):
        if "source: shared objects file" in line:
            src["archive"] += 1
        elif "source: jrt:" in line:
            src["jrt"] += 1
        elif "source: jar:" in line or "source: file:" in line:
            src["jar"] += 1
            name = line.split()[1] if "]" not in line else line.split("]")[-1].split()[0]
            pkg = name.split("$")[0].rsplit(".", 1)[0]
            jar_pkgs[pkg] = jar_pkgs.get(pkg, 0) + 1
        else:
            src["other"] += 1
    return src, sorted(jar_pkgs.items(), key=lambda kv: -kv[1])[:12]


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    reps = int(sys.argv[1])
    specs = {}
    for a in sys.argv[2:]:
        label, rest = a.split("=", 1)
        parts = rest.split(",")
        spec = {"jar": parts[0]}
        for p in parts[1:]:
            k, v = p.split("=", 1)
            if k.startswith("env:"):
                spec.setdefault("env", {})[k[4:]] = v
            else:
                spec[k] = v
        specs[label] = spec
    ensure_dataset(DATASETS[DS])
    server = S3ProxyServer().start()
    admin = server.client(max_pool=4)
    results = []
    try:
        for label, spec in specs.items():  # warm-up: writes each jar's dynamic archive at exit
            r = run(server, admin, label, spec, 0, complete=True)
            print(f"warm-up {label}: rc {r['rc']} first done {r['marks'].get('first file done')}", flush=True)
        labels = list(specs)
        for i in range(reps):
            order = labels if i % 2 == 0 else labels[::-1]
            for label in order:
                r = run(server, admin, label, specs[label], i + 1)
                results.append(r)
                print(f"rep {i+1} {label}: load {r['load']} steal {r['steal']} main cpu {r['main_cpu']} proc cpu {r['proc_cpu']} "
                      + " ".join(f"{k}={v}" for k, v in r["marks"].items()), flush=True)
        if os.environ.get("CLASSLOAD"):
            for label, spec in specs.items():
                print(f"classes {label}: {classload(server, admin, label, spec)}", flush=True)
    finally:
        server.stop()
    print("\nmedians:")
    keys = []
    for r in results:
        keys += [k for k in r["marks"] if k not in keys]
    for label in specs:
        rs = [r for r in results if r["label"] == label]
        med = lambda xs: statistics.median(xs) if xs else None
        print(f"{label}: load {min(r['load'] for r in rs)}-{max(r['load'] for r in rs)}; "
              f"steal {sum(r['steal'] for r in rs)} ms in {len(rs)} runs; "
              f"main cpu {med([r['main_cpu'] for r in rs if r['main_cpu'] is not None])}; "
              f"proc cpu {med([r['proc_cpu'] for r in rs if r['proc_cpu'] is not None])}")
        for k in keys:
            xs = [r["marks"][k] for r in rs if k in r["marks"]]
            print(f"   {k:<32} {med(xs)}  {xs}")
    paired(results, list(specs), keys)
    with open(os.path.join(WORK_DIR, f"startup-{int(time.time())}.json"), "w") as f:
        json.dump(results, f)


def paired(results, labels, keys):
    """Each label against the first, repetition by repetition (the two runs of a repetition are
    adjacent, so the machine's slow and fast minutes cancel): median and mean of the differences."""
    if len(labels) < 2:
        return
    first = [r for r in results if r["label"] == labels[0]]
    print(f"\npaired, against {labels[0]} (ms; negative = faster):")
    for label in labels[1:]:
        other = [r for r in results if r["label"] == label]
        for k in keys:
            d = [y["marks"][k] - x["marks"][k] for x, y in zip(first, other) if k in x["marks"] and k in y["marks"]]
            if d:
                faster = sum(1 for v in d if v < 0)
                print(f"   {label:<10} {k:<32} median {statistics.median(d):+6.0f}  mean {statistics.mean(d):+6.0f}"
                      f"  faster in {faster}/{len(d)}")


if __name__ == "__main__":
    main()
