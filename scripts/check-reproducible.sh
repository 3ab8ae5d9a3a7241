#!/usr/bin/env bash
# Reproducible build check (make test runs it): copies this checkout's sources (tracked files
# plus new, not ignored ones, as they are now) into two fresh folders under build/repro/, builds
# the monitor jar in each with an empty target/, and compares the two rmi360-monitor.jar
# byte for byte. REPRO_MODULES=agent (or "lambda agent") checks the agent jar as well/instead.
# On a difference it names the jar and the entries that differ. Exit 0 identical, 1 different.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MVN=${MVN:-mvn -B -ntp -o}
MODULES=${REPRO_MODULES:-lambda}
WORK=$ROOT/build/repro
declare -A JAR=([lambda]=lambda/target/rmi360-monitor.jar [agent]=agent/target/rmi360-agent.jar)

rm -rf "$WORK" && mkdir -p "$WORK"
t0=$SECONDS
pl=$(tr ' ' ',' <<<"$MODULES")
for copy in a b; do
  mkdir -p "$WORK/$copy"
  # Sources only: git's view of the checkout (no target/, no build/), including uncommitted edits.
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [[ -e $f ]] && printf '%s\0' "$f"
  done | tar --null -T - -cf - | tar -xf - -C "$WORK/$copy"
  # shellcheck disable=SC2086
  $MVN -q -f "$WORK/$copy/pom.xml" -pl "$pl" -am package -DskipTests >"$WORK/build-$copy.log" 2>&1 \
    || { cat "$WORK/build-$copy.log" >&2; echo "check-reproducible: build $copy failed" >&2; exit 1; }
  # The second build starts one second later at least, so a build-time clock would show.
  [[ $copy == a ]] && sleep 1
done

rc=0
for m in $MODULES; do
  a=$WORK/a/${JAR[$m]} b=$WORK/b/${JAR[$m]}
  if cmp -s "$a" "$b"; then
    echo "check-reproducible: ${JAR[$m]} identical in two clean builds ($(sha256sum "$a" | cut -c1-16)..., $(stat -c %s "$a") bytes)"
  else
    rc=1
    diffs=$(python3 - "$a" "$b" <<'PY'
import sys, zipfile
za, zb = (zipfile.ZipFile(p) for p in sys.argv[1:3])
ia = [(i.filename, i.date_time, i.CRC) for i in za.infolist()]
ib = [(i.filename, i.date_time, i.CRC) for i in zb.infolist()]
names = [x[0] for x in ia]
if names != [x[0] for x in ib]:
    print("entry order or names differ"); sys.exit()
print(", ".join(a[0] for a, b in zip(ia, ib) if a != b)[:400] or "zip metadata only")
PY
)
    echo "check-reproducible: FAIL: ${JAR[$m]} differs between two clean builds: $diffs" >&2
  fi
done
echo "check-reproducible: done in $((SECONDS - t0)) s"
exit $rc
