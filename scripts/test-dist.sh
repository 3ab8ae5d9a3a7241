#!/usr/bin/env bash
# make test-dist: build the Linux x64 bundle from agent/target/rmi360-agent.jar (scripts/dist.py; reused
# when it is newer than the jar, the launchers and dist.py), unpack it into a temporary folder whose path
# has a space, and run it with no Java to fall back on: JAVA_HOME and JAVA unset, and a `java` first on
# PATH that fails the test if anything calls it. Checks: the bundled runtime runs (`--version`,
# java.home inside the bundle), the jar holds only this platform's AWS CRT library, the runtime is not
# a full JDK, `rmi360 demo` (CRT upload to the embedded S3, monitor, status page) ends "demo: OK", and
# the keyring over D-Bus (`credentials set/show/delete`) where scripts/with-keyring.sh provides one.
# The runtime comes from DIST_JAVA_HOME (default: scripts/find-dist-jdk.sh, a JDK 25+): on 25+ the bundle
# must carry lib/rmi360.aot, and an upload through the launcher must load its classes from it (class+load
# log), while a jar the cache was not made for falls back to the per-user archive and still uploads.
# Skips (fails under CI=true) on another platform, or where jlink, python3 or unzip is missing; the AOT
# checks alone skip (fail under CI=true) where no JDK 25 is found.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  if [[ "${CI:-}" == true ]]; then echo "test-dist: FAIL: $1 (CI=true)" >&2; exit 1; fi
  echo "test-dist: SKIP: $1"; exit 0
}
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] || skip "the bundle test is for Linux x86-64 (this is $(uname -s) $(uname -m))"
command -v python3 >/dev/null || skip "python3 is missing"
command -v unzip >/dev/null || skip "unzip is missing"
DIST_JAVA_HOME=${DIST_JAVA_HOME:-$(scripts/find-dist-jdk.sh)}
export DIST_JAVA_HOME
command -v jlink >/dev/null || [[ -x "${DIST_JAVA_HOME:-${JAVA_HOME:-/nonexistent}}/bin/jlink" ]] || skip "jlink is missing (a JRE, not a JDK)"

jar=agent/target/rmi360-agent.jar
[[ -f $jar ]] || make --no-print-directory build
version=$(unzip -p "$jar" rmi360-version.properties | sed -n 's/^version=//p')
bundle=build/dist/rmi360-$version-linux-x64.tar.gz
stale_runtime() {  # a reused bundle must have been made with the runtime asked for now
  local want
  want=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "${DIST_JAVA_HOME:-/nonexistent}/release" 2>/dev/null)
  [[ -n $want && $(tar -xOzf "$bundle" "rmi360-$version-linux-x64/runtime/release" | sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p') != "$want" ]]
}
if [[ ! -f $bundle || $jar -nt $bundle || bin/rmi360 -nt $bundle || scripts/dist.py -nt $bundle ]] || stale_runtime; then
  python3 scripts/dist.py
else
  echo "test-dist: reusing $bundle"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/un packed" "$work/shim" "$work/home"
printf '#!/bin/sh\necho "test-dist: java from PATH was called" >&2\nexit 97\n' > "$work/shim/java"
chmod +x "$work/shim/java"
tar -xzf "$bundle" -C "$work/un packed"
root="$work/un packed/rmi360-$version-linux-x64"

unset JAVA_HOME JAVA RMI360_JAR RMI360_JAVA_OPTS RMI360_CDS
fail() { echo "test-dist: FAIL: $*" >&2; exit 1; }
# The bundle as an uploader runs it: no JAVA_HOME, no JAVA, PATH's java is the failing shim.
run() {
  env PATH="$work/shim:$PATH" HOME="$work/home" \
    XDG_CACHE_HOME="$work/home/.cache" "$root/bin/rmi360" "$@"
}

out=$(run --version) || fail "--version exited $?"
grep -qx "rmi360 $version" <<<"$out" || fail "--version printed: $out"
home=$(RMI360_JAVA_OPTS=-XshowSettings:properties run --version 2>&1 >/dev/null | sed -n 's/^ *java.home = //p')
[[ $(cd "$home" && pwd -P) == "$(cd "$root/runtime" && pwd -P)" ]] || fail "ran on java.home '$home', not the bundled runtime"
echo "test-dist: --version OK on the bundled runtime"

natives=$(unzip -Z1 "$root/lib/rmi360-agent.jar" | grep -E 'aws-crt-jni' || true)
[[ $natives == "linux/x86_64/glibc/libaws-crt-jni.so" ]] || fail "CRT natives in the jar: $natives"
[[ $(ls "$root/lib/native") == libaws-crt-jni.so ]] || fail "lib/native holds: $(ls "$root/lib/native")"
unzip -p "$root/lib/rmi360-agent.jar" "$natives" | cmp -s - "$root/lib/native/libaws-crt-jni.so" \
  || fail "lib/native/libaws-crt-jni.so is not the jar's $natives"
modules=$("$root/runtime/bin/java" --list-modules)
grep -q '^jdk.crypto.ec@' <<<"$modules" || fail "runtime lacks jdk.crypto.ec (TLS)"
! grep -q '^jdk.compiler@' <<<"$modules" || fail "runtime is a full JDK"
echo "test-dist: jar and runtime OK ($(wc -l <<<"$modules") modules)"

[[ -f "$root/arcgis/RMI360.pyt" ]] || fail "no arcgis/RMI360.pyt in the bundle"
found=$(cd "$work" && python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); from rmi360tools.locate import find_agent; print(find_agent(sys.argv[1], env={}, windows=False))' "$root/arcgis") \
  || fail "the bundled toolbox did not find an agent"
[[ $(realpath "$found") == "$(realpath "$root/bin/rmi360")" ]] || fail "the bundled toolbox found $found, not the bundle's launcher"
echo "test-dist: the bundled ArcGIS toolbox finds the bundle's agent"

run demo --workdir "$work/demo" > "$work/demo.log" 2>&1 || { cat "$work/demo.log"; fail "demo exited $?"; }
grep -qx 'demo: OK' "$work/demo.log" || { cat "$work/demo.log"; fail "demo did not end with 'demo: OK'"; }
echo "test-dist: demo OK"

# The AOT cache of a bundle on a JDK 25+ runtime: present, and what an upload through the launcher loads its
# classes from (here in a folder other than where dist.py made it); a copy of the jar with another mtime is not
# the jar it was made for, so the launcher falls back to the per-user archive and the upload still works. The
# uploads go to the embedded S3 of --local run as a server of its own (S3Proxy from the bundle's jar, as
# dist.py trains), so the class log holds the client's classes only.
release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$root/runtime/release")
start_s3() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  s3=http://127.0.0.1:$port
  mkdir -p "$work/s3/rmi360-aot-test"
  printf '%s\n' "s3proxy.endpoint=$s3" s3proxy.authorization=aws-v2-or-v4 s3proxy.identity=aottest \
    s3proxy.credential=aot-test-secret-0123456789 s3proxy.ignore-unknown-headers=true jclouds.provider=filesystem-nio2 \
    "jclouds.filesystem.basedir=$work/s3" > "$work/s3proxy.properties"
  "$root/runtime/bin/java" -Xmx256m -cp "$root/lib/rmi360-agent.jar" org.gaul.s3proxy.Main \
    --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
  s3pid=$!
  trap 'kill $s3pid 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 100); do
    python3 -c 'import sys, urllib.request, urllib.error
try: urllib.request.urlopen(sys.argv[1], timeout=1)
except urllib.error.HTTPError: sys.exit(0)
except OSError: sys.exit(1)' "$s3/" && return 0
    sleep 0.2
  done
  cat "$work/s3proxy.log"; fail "S3Proxy did not start"
}
upload_s3() {  # LOG [JAR]: the demo's images to the S3 above, fresh prefix and journal, class loading logged to LOG
  local log=$1  # and native libraries loaded to LOG.lib
  rm -rf "$work/aot-state"
  AWS_ACCESS_KEY_ID=aottest AWS_SECRET_ACCESS_KEY=aot-test-secret-0123456789 AWS_EC2_METADATA_DISABLED=true \
  RMI360_JAR=${2:-} RMI360_JAVA_OPTS="-Xlog:class+load=info:file=$log -Xlog:library=info:file=$log.lib" run upload "$work/demo/images" \
    --bucket rmi360-aot-test --slug "AOT$((++uploads))TEST" --endpoint-url "$s3" --region us-east-1 --no-monitor \
    --progress none --state-dir "$work/aot-state" > "$work/aot.log" 2>&1 || { cat "$work/aot.log"; fail "upload exited $?"; }
}
uploads=0
if (( release >= 25 )); then
  [[ -s "$root/lib/rmi360.aot" && -s "$root/lib/rmi360.aot.stamp" ]] || fail "runtime is Java $release but no lib/rmi360.aot(.stamp)"
  # beside the demo's small images, one file per other path a file can take (as dist.py trains): one PUT through
  # the Transfer Manager and a multipart upload, whose classes the check below then covers too
  head -c $((2 << 20)) /dev/zero > "$work/demo/images/large-single-put.jpg"
  head -c $((17 << 20)) /dev/zero > "$work/demo/images/large-multipart.jpg"
  start_s3
  upload_s3 "$work/aot-classes.log"
  shared=$(grep -c 'source: shared objects file' "$work/aot-classes.log" || true)
  from_jar=$(grep -c 'source: .*rmi360-agent\.jar' "$work/aot-classes.log" || true)
  grep -q 'com\.rmi360\.agent\.command\.UploadCommand source: shared objects file' "$work/aot-classes.log" \
    || fail "upload did not load its classes from lib/rmi360.aot ($shared from an archive, $from_jar from the jar)"
  # (a cache trained on small files only: 112 from the jar, all on the large files' way to S3)
  (( from_jar < 20 )) || fail "$from_jar classes from the jar with lib/rmi360.aot ($shared from it): $(grep 'source: .*rmi360-agent\.jar' "$work/aot-classes.log" | head -3 | cut -d' ' -f2 | tr '\n' ' ')"
  # the launcher starts the main class by name there: native access must still be granted as the manifest does for -jar
  ! grep -m1 '^WARNING' "$work/aot.log" || fail "the JVM warned during the upload (above)"
  ! ls "$work/home/.cache/rmi360/"*.jsa* >/dev/null 2>&1 || fail "a per-user archive was written beside the AOT cache"
  # the CRT's library as the bundle carries it, not extracted from the jar (that one is loaded from java.io.tmpdir)
  grep -q "Loaded library .*/lib/native/libaws-crt-jni\.so" "$work/aot-classes.log.lib" \
    || fail "the upload did not load the CRT from lib/native: $(grep -m1 "Loaded library .*aws-crt" "$work/aot-classes.log.lib")"
  cp "$root/lib/rmi360-agent.jar" "$work/other.jar"
  touch -d '2001-01-01' "$work/other.jar"
  upload_s3 "$work/aot-other.log" "$work/other.jar"
  other_jar=$(grep -c 'source: .*other\.jar' "$work/aot-other.log" || true)
  (( other_jar > 1000 )) || fail "another jar's upload loaded only $other_jar classes from it: the AOT cache was used for a jar it was not made for"
  ls "$work/home/.cache/rmi360/"*.jsa* >/dev/null 2>&1 || fail "another jar's upload did not fall back to the per-user archive"
  # lib/native was unpacked from the bundle's jar: another jar's CRT extracts its own
  ! grep -q "lib/native/libaws-crt-jni" "$work/aot-other.log.lib" || fail "another jar's upload loaded the bundle's CRT library"
  grep -q "Loaded library .*libaws-crt-jni\.so" "$work/aot-other.log.lib" || fail "another jar's upload loaded no CRT library"
  echo "test-dist: AOT cache and lib/native OK (upload: $shared classes from the cache, $from_jar from the jar; another jar: $other_jar from it)"
elif [[ "${CI:-}" == true ]]; then
  fail "the bundle's runtime is Java $release: no AOT cache (DIST_JAVA_HOME: a JDK 25+)"
else
  echo "test-dist: SKIP: AOT cache check: the bundle's runtime is Java $release (no JDK 25+ found; DIST_JAVA_HOME)"
fi

if [[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" && "${RMI360_KEYRING_SESSION:-}" == 1 ]]; then
  svc=rmi360-dist-test-$$
  AWS_ACCESS_KEY_ID=AKIADISTTEST00000001 AWS_SECRET_ACCESS_KEY=dist-test-secret \
    run credentials set --from-env --service "$svc" >/dev/null || fail "credentials set exited $?"
  out=$(run credentials show --service "$svc") || fail "credentials show exited $?"
  grep -q 'AKIA\*\+0001' <<<"$out" || fail "credentials show printed: $out"
  run credentials delete --service "$svc" >/dev/null || fail "credentials delete exited $?"
  echo "test-dist: keyring over D-Bus OK"
else
  skip "keyring check: no private keyring session (run under scripts/with-keyring.sh)"
fi
echo "test-dist: OK ($bundle, $(du -m "$bundle" | cut -f1) MiB)"
