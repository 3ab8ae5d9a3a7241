#!/usr/bin/env bash
# The Terraform stack against a local AWS API: start moto_server on a free loopback port, then
# apply terraform/tests/moto -> flip the base rule's state the way the agent/Lambda do -> agent
# step (monitor start + monitor tick, when the agent supports them) -> plan -detailed-exitcode
# must say "no changes" -> the jar is replaced by a second clean build of the same sources
# (build/repro/b from scripts/check-reproducible.sh) and plan must again say "no changes" -> destroy -> check with boto3 that no function,
# rule, role, policy, user, log group or bucket is left. moto_server is stopped on exit.
#
# Under CI=true a missing terraform or moto_server fails; elsewhere the cycle is skipped with
# one line. Needs TF_CLI_CONFIG_FILE (offline provider mirror; the Makefile generates it).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

skip_or_fail() {
  if [[ "${CI:-}" == "true" ]]; then echo "tf-moto-cycle: FAIL: $1 (required under CI=true)" >&2; exit 1; fi
  echo "tf-moto-cycle: skipped: $1"; exit 0
}
command -v "${TERRAFORM:-terraform}" >/dev/null || skip_or_fail "terraform is not installed"
command -v moto_server >/dev/null || skip_or_fail "moto_server is not installed"
python3 -c 'import boto3' 2>/dev/null || skip_or_fail "python3 with boto3 is not installed"
TF=${TERRAFORM:-terraform}

WORK=$ROOT/build/tf-moto
CONFIG_DIR=$ROOT/terraform/tests/moto
# One cycle at a time per checkout: a second one waits instead of wiping this one's state.
mkdir -p "$ROOT/build"
exec 9>"$ROOT/build/tf-moto.lock"
flock -n 9 || { echo "tf-moto-cycle: waiting for another cycle in this checkout"; flock 9; }
rm -rf "$WORK" && mkdir -p "$WORK"
export TF_DATA_DIR=$WORK/.terraform
export TF_PLUGIN_CACHE_DIR=${TF_PLUGIN_CACHE_DIR:-$ROOT/build/tf-plugin-cache}
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
mkdir -p "$TF_PLUGIN_CACHE_DIR"

# Free loopback port, then moto_server (its own process group, so the trap ends it and only it).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
ENDPOINT=http://127.0.0.1:$PORT
setsid moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 8>&- 9>&- &
MOTO_PID=$!
stop_moto() { kill -- "-$MOTO_PID" 2>/dev/null || kill "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true; }
trap stop_moto EXIT
trap "exit 143" TERM INT
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('$ENDPOINT/moto-api/', timeout=1)" 2>/dev/null; then break; fi
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$WORK/moto.log" >&2; echo "tf-moto-cycle: moto_server did not start" >&2; exit 1; }
  sleep 0.2
done
echo "tf-moto-cycle: moto_server on $ENDPOINT (pid $MOTO_PID)"

export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN= AWS_DEFAULT_REGION=us-east-2 AWS_REGION=us-east-2
unset AWS_PROFILE AWS_SESSION_TOKEN
export TF_VAR_aws_endpoint_url=$ENDPOINT
# The functions deploy the monitor jar of one clean build (build/repro/a, make repro) copied to a
# fixed path; the rebuild step copies the other clean build over it. Without those builds the
# stand-in jar is used and the rebuild step is skipped (a failure under CI=true: make test runs
# make repro first).
REPRO_A=$ROOT/build/repro/a/lambda/target/rmi360-monitor.jar
REPRO_B=$ROOT/build/repro/b/lambda/target/rmi360-monitor.jar
export TF_VAR_lambda_jar_path=$WORK/rmi360-monitor.jar
if [[ -f $REPRO_A && -f $REPRO_B ]]; then cp "$REPRO_A" "$TF_VAR_lambda_jar_path"
else cp "$ROOT/terraform/tests/fixtures/stand-in.jar" "$TF_VAR_lambda_jar_path"; fi
export MOTO_ENDPOINT=$ENDPOINT
# No step may hang the build (e.g. a provider retrying an action the emulator lacks).
tf() { timeout -k 10 "${TF_MOTO_STEP_TIMEOUT:-300}" "$TF" -chdir="$CONFIG_DIR" "$@"; }
step() { printf 'tf-moto-cycle: %-40s' "$1"; ts=$SECONDS; }
took() { echo "$((SECONDS - ts)) s"; }
t0=$SECONDS

step "init (offline)"
tf init -input=false -lockfile=readonly -backend-config="path=$WORK/terraform.tfstate" >"$WORK/init.log" 2>&1 || { echo; cat "$WORK/init.log" >&2; exit 1; }
echo "ok ($(took))"

step "apply"
tf apply -auto-approve -no-color >"$WORK/apply.log" 2>&1 || { echo; tail -n 60 "$WORK/apply.log" >&2; exit 1; }
echo "ok ($(grep -o '[0-9]\+ added' "$WORK/apply.log" | head -n1), $(took))"

plan_no_changes() {
  local rc=0 name=$1; shift
  tf plan -detailed-exitcode -no-color -input=false "$@" >"$WORK/plan-$name.log" 2>&1 || rc=$?
  case $rc in
    0) echo "ok (no changes, $(took))" ;;
    2) echo; echo "tf-moto-cycle: FAIL: plan after $name wants changes:" >&2; grep -E '^\s+[-+~]|# ' "$WORK/plan-$name.log" | head -n 60 >&2; exit 1 ;;
    *) echo; tail -n 40 "$WORK/plan-$name.log" >&2; exit 1 ;;
  esac
}
# The agent enables rules and DisableUploadMonitorRule disables them: flip the base rule as they
# would; the plan below must not want to flip it back.
python3 - <<'PY'
import os, boto3
events = boto3.client("events", endpoint_url=os.environ["MOTO_ENDPOINT"])
# Terraform creates the base rule DISABLED (the agent enables per-project rules, never this one).
assert events.describe_rule(Name="UploadMonitorRule")["State"] == "DISABLED", "base rule not created DISABLED"
events.enable_rule(Name="UploadMonitorRule")
assert events.describe_rule(Name="UploadMonitorRule")["State"] == "ENABLED"
PY
# Agent hook: `monitor start` (progress file + PutRule/PutTargets for UploadMonitorRule-<slug>,
# target = the ProgressMonitor Terraform made) and `monitor tick` (one in-process ProgressMonitor
# run) against these resources; then the per-project rule and the status files are checked.
AGENT_JAR=$ROOT/agent/target/rmi360-agent.jar
step "agent monitor start + monitor tick"
if [[ -f "$AGENT_JAR" ]] && command -v java >/dev/null \
   && java -jar "$AGENT_JAR" monitor start --help 2>/dev/null | grep -q -- '--endpoint-url'; then
  mkdir -p "$WORK/agent/images/sub"
  printf '\xff\xd8\xff\xd9' >"$WORK/agent/images/a.jpg"
  printf '\xff\xd8\xff\xd9' >"$WORK/agent/images/sub/b.jpeg"
  printf '\xff\xd8\xff\xd9' >"$WORK/agent/images/sub/c.jpg"
  cat >"$WORK/agent/config.yaml" <<YAML
project: {number: "26-001", slug: "motocycle", client: "Test", description: "moto cycle"}
aws:
  region: us-east-2
  s3_bucket: rmi360-moto-cycle
  s3_bucket_folder: "config.project.slug"
  auth_mode: instance
YAML
  agent() { timeout -k 5 120 java -jar "$AGENT_JAR" monitor "$@" --config "$WORK/agent/config.yaml" --endpoint-url "$ENDPOINT"; }
  # Two of the three images are "uploaded" before the tick.
  python3 - <<'PY'
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["MOTO_ENDPOINT"])
for key in ("motocycle/a.jpg", "motocycle/sub/b.jpeg"):
    s3.put_object(Bucket="rmi360-moto-cycle", Key=key, Body=b"\xff\xd8\xff\xd9", ContentType="image/jpeg")
PY
  { agent start --dir "$WORK/agent/images" && agent tick; } >"$WORK/agent.log" 2>&1 || { echo; cat "$WORK/agent.log" >&2; exit 1; }
  python3 - <<'PY' || { echo; cat "$WORK/agent.log" >&2; exit 1; }
import json, os, boto3
kw = dict(endpoint_url=os.environ["MOTO_ENDPOINT"])
events, s3 = boto3.client("events", **kw), boto3.client("s3", **kw)
fn = boto3.client("lambda", **kw).get_function(FunctionName="ProgressMonitor")["Configuration"]["FunctionArn"]
rule = events.describe_rule(Name="UploadMonitorRule-motocycle")
assert rule["State"] == "ENABLED", rule
targets = events.list_targets_by_rule(Rule="UploadMonitorRule-motocycle")["Targets"]
assert [t["Arn"] for t in targets] == [fn], targets
policy = json.loads(boto3.client("lambda", **kw).get_policy(FunctionName="ProgressMonitor")["Policy"])
pattern = policy["Statement"][0]["Condition"]["ArnLike"]["AWS:SourceArn"]
assert pattern.endswith(":rule/UploadMonitorRule*") and rule["Arn"].startswith(pattern[:-1]), (pattern, rule["Arn"])
progress = json.loads(s3.get_object(Bucket="rmi360-moto-cycle", Key="status/progress_motocycle.json")["Body"].read())
assert progress.get("expected_total") == 3 and progress.get("count") == 2, progress
s3.head_object(Bucket="rmi360-moto-cycle", Key="status/status.html")
PY
  echo "ok ($(took): rule enabled, target and permission match, progress 2/3)"
else
  echo "pending (agent jar has no 'monitor start --endpoint-url' yet; the lead wires this step)"
fi

# One plan shows that apply converged, that the flipped base rule is no drift, and that the
# agent's run touched nothing Terraform manages.
step "plan -detailed-exitcode"
plan_no_changes after-run

# A rebuild of unchanged code (the second clean build, new file, same bytes) must not redeploy.
step "rebuilt jar: plan -detailed-exitcode"
if [[ -f $REPRO_A && -f $REPRO_B ]]; then
  cp "$REPRO_B" "$TF_VAR_lambda_jar_path"
  plan_no_changes rebuild
elif [[ "${CI:-}" == "true" ]]; then
  echo; echo "tf-moto-cycle: FAIL: no build/repro/{a,b} jars (make repro runs before tf-test in make test)" >&2; exit 1
else
  echo "skipped (no build/repro jars: run make repro first)"
fi

# Per-project rules are the agent's, not Terraform's: remove them as docs/deploy.md's teardown
# says, so that destroy leaves nothing behind.
python3 - <<'PY'
import os, boto3
events = boto3.client("events", endpoint_url=os.environ["MOTO_ENDPOINT"])
for rule in events.list_rules(NamePrefix="UploadMonitorRule-")["Rules"]:
    ids = [t["Id"] for t in events.list_targets_by_rule(Rule=rule["Name"])["Targets"]]
    if ids:
        events.remove_targets(Rule=rule["Name"], Ids=ids)
    events.delete_rule(Name=rule["Name"])
    print(f"tf-moto-cycle: removed per-project rule {rule['Name']}")
PY

step "destroy"
tf destroy -auto-approve -refresh=false -no-color >"$WORK/destroy.log" 2>&1 || { echo; tail -n 60 "$WORK/destroy.log" >&2; exit 1; }
echo "ok ($(grep -o '[0-9]\+ destroyed' "$WORK/destroy.log" | head -n1), $(took))"

step "nothing left (boto3)"
python3 - <<'PY'
import os, boto3
kw = dict(endpoint_url=os.environ["MOTO_ENDPOINT"])
left = []
left += ["function " + f["FunctionName"] for f in boto3.client("lambda", **kw).list_functions()["Functions"]]
left += ["rule " + r["Name"] for r in boto3.client("events", **kw).list_rules()["Rules"]]
iam = boto3.client("iam", **kw)
left += ["role " + r["RoleName"] for r in iam.list_roles()["Roles"]]
left += ["policy " + p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"]]
left += ["user " + u["UserName"] for u in iam.list_users()["Users"]]
left += ["log group " + g["logGroupName"] for g in boto3.client("logs", **kw).describe_log_groups()["logGroups"]]
left += ["bucket " + b["Name"] for b in boto3.client("s3", **kw).list_buckets()["Buckets"]]
if left:
    raise SystemExit("FAIL: left after destroy: " + ", ".join(left))
print("ok")
PY
echo "tf-moto-cycle: passed in $((SECONDS - t0)) s"
