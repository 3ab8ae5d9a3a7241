#!/usr/bin/env python3
"""Build the self-contained agent bundle for this machine's platform (`make dist`).

    build/dist/rmi360-<version>-<os>-<arch>.tar.gz   (.zip on Windows)
      rmi360-<version>-<os>-<arch>/
        bin/rmi360, bin/rmi360.cmd   the repository's launchers (they find runtime/ and lib/ beside them)
        lib/rmi360-agent.jar         the shaded agent jar, other platforms' native libraries removed
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
import shutil
import subprocess
import sys
import tarfile
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
             "a full JDK 17+ with jmods is needed")
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
    p.add_argument("--java-home", default=os.environ.get("JAVA_HOME"),
                   help="the JDK whose jdeps and jlink make the runtime (default: JAVA_HOME, else PATH)")
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
