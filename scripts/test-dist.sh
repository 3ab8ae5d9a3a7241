#!/usr/bin/env bash
# make test-dist: build the Linux x64 bundle from agent/target/rmi360-agent.jar (scripts/dist.py; reused
# when it is newer than the jar, the launchers and dist.py), unpack it into a temporary folder whose path
# has a space, and run it with no Java to fall back on: JAVA_HOME and JAVA unset, and a `java` first on
# PATH that fails the test if anything calls it. Checks: the bundled runtime runs (`--version`,
# java.home inside the bundle), the jar holds only this platform's AWS CRT library, the runtime is not
# a full JDK, `rmi360 demo` (CRT upload to the embedded S3, monitor, status page) ends "demo: OK", and
# the keyring over D-Bus (`credentials set/show/delete`) where scripts/with-keyring.sh provides one.
# Skips (fails under CI=true) on another platform, or where jlink, python3 or unzip is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  if [[ "${CI:-}" == true ]]; then echo "test-dist: FAIL: $1 (CI=true)" >&2; exit 1; fi
  echo "test-dist: SKIP: $1"; exit 0
}
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] || skip "the bundle test is for Linux x86-64 (this is $(uname -s) $(uname -m))"
command -v python3 >/dev/null || skip "python3 is missing"
command -v unzip >/dev/null || skip "unzip is missing"
command -v jlink >/dev/null || [[ -x "${JAVA_HOME:-/nonexistent}/bin/jlink" ]] || skip "jlink is missing (a JRE, not a JDK)"

jar=agent/target/rmi360-agent.jar
[[ -f $jar ]] || make --no-print-directory build
version=$(unzip -p "$jar" rmi360-version.properties | sed -n 's/^version=//p')
bundle=build/dist/rmi360-$version-linux-x64.tar.gz
if [[ ! -f $bundle || $jar -nt $bundle || bin/rmi360 -nt $bundle || scripts/dist.py -nt $bundle ]]; then
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
