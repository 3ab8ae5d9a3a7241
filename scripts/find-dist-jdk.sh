#!/usr/bin/env bash
# Prints the home of a JDK 25+ with jlink for the bundle's runtime (make dist, make test-dist), or nothing.
# Looks at DIST_JAVA_HOME, JAVA_HOME, then the usual install folders (Linux packages, macOS, SDKMAN);
# the first whose `release` file says JAVA_VERSION 25 or newer wins. Exit 0 either way.
min=${1:-25}
candidates=("${DIST_JAVA_HOME:-}" "${JAVA_HOME:-}")
for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
  candidates+=("$d")
done
for home in "${candidates[@]}"; do
  [[ -n $home && -f $home/release && ( -x $home/bin/jlink || -x $home/bin/jlink.exe ) ]] || continue
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [[ -n $v && $v -ge $min ]]; then
    echo "$home"
    exit 0
  fi
done
exit 0
