#!/usr/bin/env bash
# make tf-test: terraform fmt -check, README tables (scripts/tf-docs.sh --check), validate
# (root, examples), terraform test
# (mock provider, offline), the make deploy gate (scripts/test-tf-deploy.sh), the apply/plan/destroy
# cycle against moto_server and the existing-bucket run there (scripts/tf-moto-existing-bucket.sh).
# Under CI=true a missing terraform fails; elsewhere it is skipped with one line.
# Needs TF_CLI_CONFIG_FILE pointing at the offline provider mirror (the Makefile generates it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TF=${TERRAFORM:-terraform}

if ! command -v "$TF" >/dev/null; then
  if [[ "${CI:-}" == "true" ]]; then echo "tf-test: FAIL: terraform is not installed (required under CI=true)" >&2; exit 1; fi
  echo "tf-test: skipped: terraform is not installed"; exit 0
fi
if [[ -z "${TF_CLI_CONFIG_FILE:-}" || ! -f "$TF_CLI_CONFIG_FILE" ]]; then
  echo "tf-test: TF_CLI_CONFIG_FILE must name the generated CLI config (run through make tf-test)" >&2; exit 2
fi
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
export TF_PLUGIN_CACHE_DIR=${TF_PLUGIN_CACHE_DIR:-$ROOT/build/tf-plugin-cache}
mkdir -p "$TF_PLUGIN_CACHE_DIR"
DATA=$ROOT/build/tf-test
mkdir -p "$DATA"
# Concurrent runs in one checkout share build/tf-test: take turns.
exec 8>"$ROOT/build/tf-test.lock"
flock -n 8 || { echo "tf-test: waiting for another tf-test in this checkout"; flock 8; }
t_all=$SECONDS
step() { printf 'tf-test: %-52s' "$1"; ts=$SECONDS; }
ok() { echo "ok ($((SECONDS - ts)) s)"; }
fail() { echo; cat "$1" >&2; exit 1; }

step "fmt -check -recursive terraform/"
"$TF" fmt -check -recursive -diff terraform >"$DATA/fmt.log" 2>&1 || fail "$DATA/fmt.log"
ok

step "README Inputs/Outputs tables up to date"
scripts/tf-docs.sh --check >"$DATA/docs.log" 2>&1 || fail "$DATA/docs.log"
ok

step "make deploy gate (scripts/test-tf-deploy.sh)"
scripts/test-tf-deploy.sh >"$DATA/deploy-gate.log" 2>&1 || fail "$DATA/deploy-gate.log"
ok

# The moto cycle is mostly waiting (emulator, Lambda waiters): run it alongside the rest.
scripts/tf-moto-cycle.sh >"$DATA/moto-cycle.log" 2>&1 &
MOTO_CYCLE_PID=$!
scripts/tf-moto-existing-bucket.sh >"$DATA/moto-existing-bucket.log" 2>&1 &
MOTO_EXISTING_PID=$!
trap 'kill "$MOTO_CYCLE_PID" "$MOTO_EXISTING_PID" 2>/dev/null || true' EXIT

# Each configuration gets its own data dir under build/, so a user's terraform/.terraform (and
# its backend) is never touched; the committed lock files are used read-only.
for dir in . examples/complete examples/existing-bucket; do
  name=${dir//\//_}; [[ $dir == . ]] && name=root
  step "init + validate terraform/$dir"
  TF_DATA_DIR=$DATA/$name "$TF" -chdir="terraform/$dir" init -backend=false -lockfile=readonly -input=false -no-color >"$DATA/init-$name.log" 2>&1 \
    || fail "$DATA/init-$name.log"
  TF_DATA_DIR=$DATA/$name "$TF" -chdir="terraform/$dir" validate -no-color >"$DATA/validate-$name.log" 2>&1 \
    || fail "$DATA/validate-$name.log"
  ok
done

step "terraform test (mock provider)"
TF_DATA_DIR=$DATA/root "$TF" -chdir=terraform test -no-color >"$DATA/test.log" 2>&1 || fail "$DATA/test.log"
echo "ok ($((SECONDS - ts)) s, $(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$DATA/test.log"))"

printf 'tf-test: %-52s\n' "moto_server cycle (started in parallel):"
rc=0; wait "$MOTO_CYCLE_PID" || rc=$?
trap 'kill "$MOTO_EXISTING_PID" 2>/dev/null || true' EXIT
sed 's/^/  /' "$DATA/moto-cycle.log"
[[ $rc == 0 ]] || { echo "tf-test: FAIL: moto_server cycle (log above; details in build/tf-moto/)" >&2; exit "$rc"; }

printf 'tf-test: %-52s\n' "moto_server existing bucket (started in parallel):"
rc=0; wait "$MOTO_EXISTING_PID" || rc=$?
trap - EXIT
sed 's/^/  /' "$DATA/moto-existing-bucket.log"
[[ $rc == 0 ]] || { echo "tf-test: FAIL: existing bucket on moto_server (log above; details in build/tf-moto-existing/)" >&2; exit "$rc"; }

echo "tf-test: all Terraform checks passed in $((SECONDS - t_all)) s"
