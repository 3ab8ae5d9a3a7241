#!/usr/bin/env bash
# Soak mode (not in CI): continuous uploads through the fault proxy (5 % resets, 5 % 503 SlowDown,
# 2 % 500 InternalError, 15 ms latency) with periodic SIGKILLs of the agent, project after project,
# each checked bucket == source at the end. Reports objects, runs, kills, faults, losses.
#
#   bench/soak/run-soak.sh [MINUTES]        (default 30; report in bench/soak/out/soak-<time>.txt)
#
# Needs the agent jar and the lambda test fixtures: it builds them (offline Maven) unless SOAK_NO_BUILD=1.
# The logic is agent/src/test/java/com/rmi360/agent/faults/SoakRun.java (a name failsafe never picks up alone).
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-30}"
out="bench/soak/out"
mkdir -p "$out"
report="$PWD/$out/soak-$(date -u +%Y%m%dT%H%M%SZ).txt"
if [[ "${SOAK_NO_BUILD:-0}" != 1 ]]; then
  mvn -B -ntp -q -o -pl lambda install -DskipTests   # main jar + test-jar (com.rmi360.testing.FaultProxy)
fi
mvn -B -ntp -q -o -pl agent verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SoakRun -Dsoak.minutes="$minutes" -Dsoak.report="$report" \
  -Dfailsafe.timeout=$(( (minutes + 15) * 60 ))
echo "soak report: $report"
tail -n 1 "$report"
