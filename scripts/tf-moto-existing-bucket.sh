#!/usr/bin/env bash
# An existing bucket against moto_server (terraform/tests/moto-existing-bucket): the bucket is
# made here with its owner's policy statement and access block; Terraform is asked to manage
# both. Checked: the applied policy is the owner's statement plus ours (Rmi360*), a second plan
# has no changes, `terraform destroy` refuses (prevent_destroy), and after the state rm that
# make destroy does (scripts/tf-deploy.sh) destroy leaves the owner's policy and block in place.
# Under CI=true a missing terraform or moto_server fails; elsewhere it is skipped with one line.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
skip_or_fail() {
  if [[ "${CI:-}" == "true" ]]; then echo "tf-moto-existing-bucket: FAIL: $1 (required under CI=true)" >&2; exit 1; fi
  echo "tf-moto-existing-bucket: skipped: $1"; exit 0
}
command -v "${TERRAFORM:-terraform}" >/dev/null || skip_or_fail "terraform is not installed"
command -v moto_server >/dev/null || skip_or_fail "moto_server is not installed"
python3 -c 'import boto3' 2>/dev/null || skip_or_fail "python3 with boto3 is not installed"
TF=${TERRAFORM:-terraform}
WORK=$ROOT/build/tf-moto-existing
rm -rf "$WORK" && mkdir -p "$WORK"
export TF_DATA_DIR=$WORK/.terraform CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
export TF_PLUGIN_CACHE_DIR=${TF_PLUGIN_CACHE_DIR:-$ROOT/build/tf-plugin-cache}
mkdir -p "$TF_PLUGIN_CACHE_DIR"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export MOTO_ENDPOINT=http://127.0.0.1:$PORT TF_VAR_aws_endpoint_url=http://127.0.0.1:$PORT
setsid moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 8>&- 9>&- &
MOTO_PID=$!
trap 'kill -- "-$MOTO_PID" 2>/dev/null || kill "$MOTO_PID" 2>/dev/null || true' EXIT
trap "exit 143" TERM INT
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('$MOTO_ENDPOINT/moto-api/', timeout=1)" 2>/dev/null && break
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$WORK/moto.log" >&2; echo "tf-moto-existing-bucket: moto_server did not start" >&2; exit 1; }
  sleep 0.2
done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-2 AWS_REGION=us-east-2
unset AWS_PROFILE AWS_SESSION_TOKEN
tf() { timeout -k 10 "${TF_MOTO_STEP_TIMEOUT:-300}" "$TF" -chdir="$ROOT/terraform/tests/moto-existing-bucket" "$@"; }
t0=$SECONDS
s3py() { python3 -c "
import boto3, json, os, sys
s3 = boto3.client('s3', endpoint_url=os.environ['MOTO_ENDPOINT'])
B = 'rmi360-owner-bucket'
OWNER = {'Sid': 'OwnerAuditor', 'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:root'}, 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::' + B + '/*'}
BLOCK = {'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': False, 'RestrictPublicBuckets': False}
sids = lambda: [s['Sid'] for s in json.loads(s3.get_bucket_policy(Bucket=B)['Policy'])['Statement']]
$1"; }

s3py "
s3.create_bucket(Bucket=B, CreateBucketConfiguration={'LocationConstraint': 'us-east-2'})
s3.put_bucket_policy(Bucket=B, Policy=json.dumps({'Version': '2012-10-17', 'Statement': [OWNER]}))
s3.put_public_access_block(Bucket=B, PublicAccessBlockConfiguration=BLOCK)"

tf init -input=false -lockfile=readonly -backend-config="path=$WORK/terraform.tfstate" >"$WORK/init.log" 2>&1 || { cat "$WORK/init.log" >&2; exit 1; }
tf apply -auto-approve -no-color >"$WORK/apply.log" 2>&1 || { tail -n 40 "$WORK/apply.log" >&2; exit 1; }
s3py "
got = sids(); want = ['OwnerAuditor', 'Rmi360DenyInsecureTransport', 'Rmi360PublicReadStatusPages']
assert got == want, 'merged policy: %s, want %s' % (got, want)
assert json.loads(s3.get_bucket_policy(Bucket=B)['Policy'])['Statement'][0] == OWNER, 'owner statement changed'"
echo "tf-moto-existing-bucket: apply merged the owner's policy: ok"

rc=0; tf plan -detailed-exitcode -no-color -input=false >"$WORK/plan.log" 2>&1 || rc=$?
[[ $rc == 0 ]] || { echo "tf-moto-existing-bucket: FAIL: second plan exit $rc (want 0: no changes)" >&2; grep -E '^\s+[-+~]|Error' "$WORK/plan.log" | head -n 30 >&2; exit 1; }
echo "tf-moto-existing-bucket: second plan has no changes: ok"

if tf destroy -auto-approve -no-color >"$WORK/destroy-refused.log" 2>&1; then
  echo "tf-moto-existing-bucket: FAIL: terraform destroy removed the existing bucket's policy/access block" >&2; exit 1
fi
grep -q 'prevent_destroy' "$WORK/destroy-refused.log" || { tail -n 20 "$WORK/destroy-refused.log" >&2; exit 1; }
echo "tf-moto-existing-bucket: terraform destroy refuses (prevent_destroy): ok"

# What make destroy does (scripts/tf-deploy.sh destroy): forget the .existing resources, destroy the rest.
for addr in $(tf state list | grep -F '.existing[' | grep -v '\.data\.'); do tf state rm "$addr" >/dev/null; done
tf destroy -auto-approve -no-color >"$WORK/destroy.log" 2>&1 || { tail -n 40 "$WORK/destroy.log" >&2; exit 1; }
s3py "
assert sids()[0] == 'OwnerAuditor', sids()
assert s3.get_public_access_block(Bucket=B)['PublicAccessBlockConfiguration'] == BLOCK"
echo "tf-moto-existing-bucket: after state rm + destroy the owner's policy and access block remain: ok"
echo "tf-moto-existing-bucket: passed in $((SECONDS - t0)) s"
