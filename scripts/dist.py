#!/usr/bin/env python3
"""Build the self-contained agent bundle for this machine's platform (`make dist`).

    build/dist/rmi360-<version>-<os>-<arch>.tar.gz   (.zip on Windows)
      rmi360-<version>-<os>-<arch>/
        bin/rmi360, bin/rmi360.cmd   the repository's launchers (they find runtime/ and lib/ beside them)
        lib/rmi360-agent.jar         the shaded agent jar, other platforms' native libraries removed
        lib/native/                  this platform's AWS CRT library, unpacked: the launchers put it on
                                       java.library.path, so an upload neither extracts it nor runs ldd
        lib/rmi360.aot               with a JDK 25+ runtime: the AOT cache (classes loaded and linked) of a
        lib/rmi360.aot.stamp           training upload to the embedded S3, and the jar's size-mtime it is for
        runtime/                     a Java runtime made by jlink from the modules jdeps finds in the jar
        arcgis/                      the ArcGIS Pro toolbox (RMI360.pyt: add it in Pro's Catalog pane)
        README.txt

The runtime is made on, and for, the platform that runs this script (jlink cannot cross-link the
JVM's own native code without that platform's jmods), so Windows and macOS bundles come from
.github/workflows/release.yml on those runners. Standard library only (Python >= 3.10), so the
same script runs on every runner.
"""
import argparse
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Native libraries in the shaded jar, per platform: (family prefix, the folder this platform keeps).
# Every entry under a family prefix outside the kept folder is dropped.
NATIVES = {
    "linux-x64": [("linux/", "linux/x86_64/glibc/"),           # AWS CRT (glibc; a jlink runtime
                  ("osx/", None), ("windows/", None),          # built on glibc cannot run on musl)
                  ("com/sun/jna/", "com/sun/jna/linux-x86-64/"),
                  ("org/jline/nativ/", "org/jline/nativ/Linux/x86_64/")],
    "linux-arm64": [("linux/", "linux/armv8/glibc/"), ("osx/", None), ("windows/", None),
                    ("com/sun/jna/", "com/sun/jna/linux-aarch64/"),
                    ("org/jline/nativ/", "org/jline/nativ/Linux/arm64/")],
    "macos-x64": [("osx/", "osx/x86_64/"), ("linux/", None), ("windows/", None),
                  ("com/sun/jna/", "com/sun/jna/darwin-x86-64/"),
                  ("org/jline/nativ/", "org/jline/nativ/Mac/x86_64/")],
    "macos-arm64": [("osx/", "osx/armv8/"), ("linux/", None), ("windows/", None),
                    ("com/sun/jna/", "com/sun/jna/darwin-aarch64/"),
                    ("org/jline/nativ/", "org/jline/nativ/Mac/arm64/")],
    "windows-x64": [("windows/", "windows/x86_64/"), ("linux/", None), ("osx/", None),
                    ("com/sun/jna/", "com/sun/jna/win32-x86-64/"),
                    ("org/jline/nativ/", "org/jline/nativ/Windows/x86_64/")],
}
NATIVE_SUFFIXES = (".so", ".dll", ".dylib", ".jnilib", ".a")

# Modules that no class references, so jdeps cannot see them, but that the agent loads:
#   jdk.crypto.ec  the SunEC provider (ECDHE key exchange, X25519, EC certificates) that Java TLS finds
#                  through java.security; without it HTTPS to STS/EventBridge/S3 status objects fails.
#   jdk.charsets   the console code pages of Windows (cp437, cp850, ...) for non-ASCII file names.
SERVICE_MODULES = ["jdk.crypto.ec", "jdk.charsets"]

# The AOT cache (JDK 25+, JEP 483) is only used by a JVM started with the heap and GC it was made with:
# the flags the launchers run the agent with (bin/rmi360, bin/rmi360.cmd; checked below). The training runs
# with them too, so that it loads the classes the launchers' JVM loads (native reflection, not method handles).
AOT_RELEASE = 25
LAUNCHER_JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx1g", "-Xss512k",
                      "-Djdk.reflect.useNativeAccessorOnly=true"]
# Training data: 2 folders x 24 "JPEGs" of 64 KiB (only the .jpg name matters to the agent) and one
# other file; enough for every class of the small files' path, few enough to take ~3 s.
TRAIN_FOLDERS, TRAIN_FILES, TRAIN_BYTES = 2, 24, 64 * 1024
# ... and one file per other path a file can take (TransferSizes): one PUT through the Transfer Manager
# (1-16 MiB) and a multipart upload (16 MiB and more), as 360-degree JPEGs mostly are. Trained on small
# files only, an upload of 8 MiB files loaded 112 classes from the jar and spun 227 more at its first PUT:
# ~150 ms of CPU (profiled), on the way to its first object.
TRAIN_LARGE = (("single-put.jpg", 2 << 20), ("multipart.jpg", 17 << 20))
# ... and a config.yaml in the toolbox's format, as uploaders run it (YAML parsing is ~100 classes)
# (auth_mode instance: the SDK's default chain, which finds the training S3's generated keys in the environment)
TRAIN_BUCKET = "rmi360-aot"
TRAIN_CONFIG = """project: {number: "AOT-001", slug: "AOT25101", client: "dist.py", description: "AOT cache training",
          rr_name: "Training", rr_mark: "AOT"}
camera:  {make: "Mosaic", model: "Mosaic 51", sn: "M51-AOT", firmware: "2.2.0", software: "rmi360 dist"}
aws:
  region: us-east-1
  s3_bucket: rmi360-aot
  s3_bucket_folder: "config.project.slug"
  auth_mode: instance
  skip_existing: true
  retries: 3
  allow_cancel_file_trigger: true
"""


def fail(msg):
    print(f"dist: {msg}", file=sys.stderr)
    sys.exit(2)


def this_platform():
    system = {"Linux": "linux", "Darwin": "macos", "Windows": "windows"}.get(platform.system())
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower())
    name = f"{system}-{arch}"
    if name not in NATIVES:
        fail(f"no bundle layout for this platform ({platform.system()} {platform.machine()})")
    return name


def jdk_tool(java_home, name):
    exe = name + (".exe" if os.name == "nt" else "")
    path = Path(java_home) / "bin" / exe if java_home else shutil.which(name)
    if not path or not Path(path).exists():
        fail(f"{name} not found ({'JAVA_HOME=' + java_home if java_home else 'not on PATH'}): "
             "a JDK 17+ with jmods, or a JDK 24+ whose jlink links from its own run-time image (JEP 493), is needed")
    return str(path)


def keep_entry(name, rules):
    if not name.endswith(NATIVE_SUFFIXES):
        return True
    for prefix, kept in rules:
        if name.startswith(prefix):
            return kept is not None and name.startswith(kept)
    return True


def strip_jar(src, dst, rules):
    """Copy the jar without other platforms' native libraries; returns the names of what was dropped."""
    dropped = []
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if keep_entry(info.filename, rules):
                zout.writestr(info, zin.read(info.filename), compress_type=info.compress_type)
            else:
                dropped.append(info.filename)
    return dropped


def unpack_crt_library(jar, dest, rules):
    """lib/native/<the CRT's JNI library>, copied out of the jar (which keeps its own copy).

    The CRT tries System.loadLibrary("aws-crt-jni") first and only on failure extracts the library from
    the jar to a temporary file; on Linux it first runs `ldd` on java to tell glibc from musl. Loaded from
    here, the CRT is ready 0.1 s of CPU sooner (docs/dist.md). Returns the path.
    """
    kept = rules[0][1]  # the CRT's folder for this platform (the first rule of NATIVES)
    with zipfile.ZipFile(jar) as z:
        names = [n for n in z.namelist() if n.startswith(kept) and "aws-crt-jni" in n and n.endswith(NATIVE_SUFFIXES)]
        if len(names) != 1:
            fail(f"expected one AWS CRT library under {kept} in {jar}, found {names}")
        dest.mkdir(parents=True, exist_ok=True)
        out = dest / names[0].rsplit("/", 1)[1]
        out.write_bytes(z.read(names[0]))
    return out


def aot_launch(jar):
    """How bin/rmi360 starts a bundle's jar with its AOT cache: the manifest's native-access grant on the
    command line, then the class path and the manifest's main class (not -jar: docs/dist.md). The
    training and the dump take the same native-access setting, or the JVM refuses the cache."""
    with zipfile.ZipFile(jar) as z:
        manifest = dict(line.split(": ", 1) for line in z.read("META-INF/MANIFEST.MF").decode().splitlines() if ": " in line)
    access = [f"--enable-native-access={manifest['Enable-Native-Access']}"] if "Enable-Native-Access" in manifest else []
    return access, ["-cp", str(jar), manifest["Main-Class"]]


def version_of(jar):
    with zipfile.ZipFile(jar) as z:
        for line in z.read("rmi360-version.properties").decode().splitlines():
            if line.startswith("version="):
                return line.split("=", 1)[1].strip()
    fail(f"{jar}: no version in rmi360-version.properties")


def modules_of(jdeps, jar, release):
    out = subprocess.run([jdeps, "--print-module-deps", "--ignore-missing-deps",
                          "--multi-release", str(release), str(jar)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"jdeps failed on {jar}: {out.stderr.strip() or out.stdout.strip()}")
    mods = out.stdout.strip().splitlines()[-1].split(",")
    if mods == ["java.base"]:
        # What a jar mistaken for a named module yields (a stray module-info.class); never enough.
        fail(f"jdeps found only java.base in {jar}: is a module-info.class left in the jar?")
    return mods


def java_release(java):
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True)
    for line in out.stderr.splitlines():
        if line.strip().startswith("java.specification.version ="):
            return int(line.split("=")[1])
    fail(f"cannot read the Java version of {java}")


def jar_stamp(jar):
    """The jar's size-mtime, as the launchers compute it (`stat -c %s-%Y`, `%~zF`): the cache is for this file."""
    st = jar.stat()
    return f"{st.st_size}-{int(st.st_mtime)}"


def aot_env(home):
    """The training run's environment: nothing of this machine's AWS set-up, agent or JVM options."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "RMI360_")) and k not in ("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")}
    env.update(HOME=str(home), USERPROFILE=str(home), XDG_CACHE_HOME=str(home / "cache"),
               AWS_EC2_METADATA_DISABLED="true")
    return env


def start_s3proxy(java, jar, tmp):
    """The embedded S3 of `--local` (S3Proxy, in the agent jar) in a JVM of its own on 127.0.0.1, with
    generated keys and the training bucket: the upload then runs the real path (--endpoint-url, keys
    from the environment) and its class list holds none of the server's classes."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    keys = ("aot" + secrets.token_hex(6), secrets.token_hex(20))
    (tmp / "s3" / TRAIN_BUCKET).mkdir(parents=True)
    props = tmp / "s3proxy.properties"
    # headers it does not know ignored, as --local does: else it refuses the CRT's multipart upload (NotImplemented)
    props.write_text("\n".join([
        f"s3proxy.endpoint={endpoint}", "s3proxy.authorization=aws-v2-or-v4", f"s3proxy.identity={keys[0]}",
        f"s3proxy.credential={keys[1]}", "s3proxy.ignore-unknown-headers=true", "jclouds.provider=filesystem-nio2",
        f"jclouds.filesystem.basedir={(tmp / 's3').as_posix()}", ""]))
    log = open(tmp / "s3proxy.log", "w")
    proc = subprocess.Popen([java, "-Xmx256m", "-cp", str(jar), "org.gaul.s3proxy.Main", "--properties", str(props)],
                            stdout=log, stderr=subprocess.STDOUT, env=aot_env(tmp), cwd=tmp)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            urllib.request.urlopen(endpoint + "/", timeout=1)
            break
        except urllib.error.HTTPError:
            break  # 403 without credentials: it is serving
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        fail(f"the training S3 (S3Proxy) did not start: {(tmp / 's3proxy.log').read_text()[-2000:]}")
    return proc, endpoint, keys


def build_aot_cache(stage, java):
    """lib/rmi360.aot: the classes a training upload loads, archived loaded and linked (JDK 25+).

    One `upload` (the real upload command, config.yaml, scan, journal, CRT client, preflight) on generated
    files to the embedded S3 of `--local` run as a server of its own on loopback (no network, generated
    keys, no credentials of anyone's) writes the list of classes it loaded (-XX:DumpLoadedClassList);
    `-Xshare:dump -XX:+AOTClassLinking` then archives them. Every class in the cache is loaded at start,
    used or not, so it must hold what an upload uses and nothing else: trained with `upload --local`
    (server and stand-in monitor in the same JVM) the cache held 6,488 classes and cost 15-19 MiB more
    RSS than this one (4,500). Not the one-step -XX:AOTCacheOutput: on JDK 25 a cache made that way is
    used with any jar of the same name (the JVM skips its size and time check), so a replaced jar would
    run the old classes; a cache dumped from a class list is refused unless the jar is this one.
    """
    jar = stage / "lib" / "rmi360-agent.jar"
    out = stage / "lib" / "rmi360.aot"
    # the JVM checks the jar's mtime against the cache's; a zip keeps times to 2 s only, so an even second
    even = int(jar.stat().st_mtime) // 2 * 2
    os.utime(jar, (even, even))
    with tempfile.TemporaryDirectory(prefix="rmi360-aot-") as tmp:
        tmp = Path(tmp)
        data = tmp / "AOT25101"
        for d in range(TRAIN_FOLDERS):
            folder = data / f"day-{d + 1}"
            folder.mkdir(parents=True)
            for i in range(TRAIN_FILES):
                body = b"\xff\xd8\xff\xe0" + bytes((i * 31 + d + k) % 251 for k in range(256)) * (TRAIN_BYTES // 256)
                (folder / f"IMG_{i:04d}.jpg").write_bytes(body)
        mib = bytes(k % 253 for k in range(1 << 20))
        for name, size in TRAIN_LARGE:
            (data / name).write_bytes(b"\xff\xd8\xff\xe0" + mib * (size >> 20))
        (data / "notes.txt").write_text("not an image\n")
        (tmp / "config.yaml").write_text(TRAIN_CONFIG)
        classlist = tmp / "classes.list"
        access, main = aot_launch(jar)
        server, endpoint, keys = start_s3proxy(java, jar, tmp)
        try:
            train = [java, *LAUNCHER_JVM_FLAGS, f"-XX:DumpLoadedClassList={classlist}",
                     f"-Djava.library.path={stage / 'lib' / 'native'}", *access, *main,
                     "upload", str(data), "--config", str(tmp / "config.yaml"), "--endpoint-url", endpoint,
                     "--no-monitor", "--progress", "plain", "--state-dir", str(tmp / "state")]
            env = dict(aot_env(tmp), AWS_ACCESS_KEY_ID=keys[0], AWS_SECRET_ACCESS_KEY=keys[1])
            r = subprocess.run(train, env=env, capture_output=True, text=True, cwd=tmp)
        finally:
            server.kill()
            server.wait()
        if r.returncode != 0 or not classlist.is_file():
            fail(f"AOT training upload exited {r.returncode}:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
        uploaded = sum(1 for _ in (tmp / "s3" / TRAIN_BUCKET).rglob("*.jpg"))
        expected = TRAIN_FOLDERS * TRAIN_FILES + len(TRAIN_LARGE)
        if uploaded != expected:
            fail(f"AOT training upload stored {uploaded} of {expected} files:\n{r.stdout[-2000:]}")
        dump = [java, *LAUNCHER_JVM_FLAGS, *access, "-Xshare:dump", "-XX:+AOTClassLinking",
                f"-XX:SharedClassListFile={classlist}", f"-XX:SharedArchiveFile={out}",
                "-Xlog:cds=error", "-Xlog:aot=error", "-cp", str(jar)]
        r = subprocess.run(dump, env=aot_env(tmp), capture_output=True, text=True, cwd=tmp)
        if r.returncode != 0 or not out.is_file():
            fail(f"AOT cache dump exited {r.returncode}:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
        classes = sum(1 for line in classlist.read_text().splitlines() if line and line[0] not in "#@")
    (stage / "lib" / "rmi360.aot.stamp").write_text(jar_stamp(jar) + "\n")
    return classes


def archive(stage, out_dir, windows):
    base = out_dir / stage.name
    if windows:
        path = base.with_suffix(".zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(stage.rglob("*")):
                z.write(f, f.relative_to(stage.parent))
    else:
        path = Path(str(base) + ".tar.gz")
        with tarfile.open(path, "w:gz", compresslevel=6) as t:  # keeps the execute bits of bin/ and runtime/bin/
            t.add(stage, arcname=stage.name)
    return path


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default=ROOT / "agent/target/rmi360-agent.jar", type=Path)
    p.add_argument("--out", default=ROOT / "build/dist", type=Path)
    p.add_argument("--java-home", default=os.environ.get("DIST_JAVA_HOME") or os.environ.get("JAVA_HOME"),
                   help="the JDK whose jdeps and jlink make the runtime, 25+ for the AOT cache "
                        "(default: DIST_JAVA_HOME, else JAVA_HOME, else PATH; `make dist` finds a JDK 25 with "
                        "scripts/find-dist-jdk.sh)")
    args = p.parse_args()

    if not args.jar.is_file():
        fail(f"{args.jar} is missing: run `make build` first")
    plat = this_platform()
    windows = plat.startswith("windows")
    jdeps, jlink, java = (jdk_tool(args.java_home, t) for t in ("jdeps", "jlink", "java"))
    version = version_of(args.jar)

    stage = args.out / f"rmi360-{version}-{plat}"
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "lib").mkdir(parents=True)
    jar = stage / "lib" / "rmi360-agent.jar"
    dropped = strip_jar(args.jar, jar, NATIVES[plat])
    print(f"dist: {jar.relative_to(args.out)}: {len(dropped)} native libraries of other platforms removed, "
          f"{args.jar.stat().st_size / 2**20:.1f} -> {jar.stat().st_size / 2**20:.1f} MiB")
    crt = unpack_crt_library(jar, stage / "lib" / "native", NATIVES[plat])
    print(f"dist: {crt.relative_to(args.out)}: the CRT library, loaded from there by the launchers")

    release = java_release(java)
    found = modules_of(jdeps, jar, release)
    modules = sorted(set(found) | set(SERVICE_MODULES))
    print(f"dist: jdeps: {','.join(found)}; added for service providers: {','.join(SERVICE_MODULES)}")
    subprocess.run([jlink, "--add-modules", ",".join(modules), "--output", str(stage / "runtime"),
                    "--strip-debug", "--no-header-files", "--no-man-pages",
                    # the base class-data archive the launcher's per-jar archive builds on
                    "--generate-cds-archive"], check=True)
    # only used with heaps above 32 GiB (no compressed oops); the launchers cap the heap at 1 GiB
    (stage / "runtime" / "lib" / "server" / "classes_nocoops.jsa").unlink(missing_ok=True)
    if windows:
        (stage / "runtime" / "bin" / "server" / "classes_nocoops.jsa").unlink(missing_ok=True)

    (stage / "bin").mkdir()
    for launcher in ("rmi360", "rmi360.cmd"):
        shutil.copy2(ROOT / "bin" / launcher, stage / "bin" / launcher)
        missing = [f for f in LAUNCHER_JVM_FLAGS if f not in (ROOT / "bin" / launcher).read_text()]
        if missing:
            fail(f"bin/{launcher} no longer runs the JVM with {' '.join(missing)}: update LAUNCHER_JVM_FLAGS")
    runtime_java = str(stage / "runtime" / "bin" / ("java.exe" if windows else "java"))
    if release >= AOT_RELEASE and windows:
        # a zip keeps the jar's time in local time: unpacked in another time zone than the build's, the JVM
        # would refuse the cache and run with no class-data archive at all (docs/dist.md); until that is
        # checked on Windows, its launcher keeps the per-user archive
        print("dist: no AOT cache in a Windows bundle (the zip's local-time mtimes; docs/dist.md)")
    elif release >= AOT_RELEASE:
        classes = build_aot_cache(stage, runtime_java)
        aot = stage / "lib" / "rmi360.aot"
        print(f"dist: {aot.relative_to(args.out)}: {classes} classes of a training upload, "
              f"{aot.stat().st_size / 2**20:.1f} MiB (for the jar {(stage / 'lib' / 'rmi360.aot.stamp').read_text().strip()})")
    else:
        print(f"dist: no AOT cache: the runtime is Java {release}, the cache needs {AOT_RELEASE}+ "
              "(--java-home a JDK 25; the launchers then fall back to their per-user class-data archive)")
    # the ArcGIS Pro toolbox, which finds the agent of the bundle it sits in (its tests stay in the repository)
    shutil.copytree(ROOT / "arcgis", stage / "arcgis",
                    ignore=shutil.ignore_patterns("tests", "__pycache__", "*.pyc", "RMI360.settings.json"))
    (stage / "README.txt").write_text(README.format(version=version, platform=plat), newline="\r\n" if windows else "\n")

    args.out.mkdir(parents=True, exist_ok=True)
    path = archive(stage, args.out, windows)
    print(f"dist: {path} ({path.stat().st_size / 2**20:.1f} MiB; unpacked "
          f"{sum(f.stat().st_size for f in stage.rglob('*') if f.is_file()) / 2**20:.1f} MiB)")


README = """rmi360 {version} ({platform})

The rmi360 upload agent with its own Java runtime: nothing else to install, no Java needed.

  bin/rmi360 --version            (Windows: bin\\rmi360.cmd --version)
  bin/rmi360 demo                 the whole pipeline locally, no AWS account
  bin/rmi360 credentials set      store the access key in the OS keyring
  bin/rmi360 upload DIR --config config.yaml

Put bin/ on PATH to type `rmi360` anywhere. More JVM options: RMI360_JAVA_OPTS.
Documentation: README.md and docs/ of the rmi360-aws repository.
"""

if __name__ == "__main__":
    main()
