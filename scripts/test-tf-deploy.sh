#!/usr/bin/env bash
# make tf-test runs this: the gate of `make deploy` (scripts/tf-deploy.sh apply) in a scratch
# copy of the layout it reads (terraform/*.tf, terraform.tfvars, the jar, build/tfplan).
# terraform is a STAND-IN here (a script that records its arguments): what is tested is the
# script's choice to apply the saved plan or refuse it; Terraform's own handling of a saved
# plan is real Terraform's (the moto cycle applies real plans).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=$(mktemp -d "${TMPDIR:-/tmp}/tf-deploy-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/scripts" "$T/terraform/modules/m" "$T/lambda/target" "$T/build"
cp scripts/tf-deploy.sh "$T/scripts/"
cat >"$T/stand-in-terraform" <<'SH'
#!/usr/bin/env bash
# Stand-in for terraform: records the call; `plan -out=F` writes F; `state list` prints $STATE.
echo "$*" >>"$CALLS"
[[ "$*" == *"state list"* ]] && printf '%s\n' ${STATE:-}
for a in "$@"; do [[ $a == -out=* ]] && echo plan >"${a#-out=}"; done
exit 0
SH
chmod +x "$T/stand-in-terraform"
export TERRAFORM=$T/stand-in-terraform CALLS=$T/calls
unset TF_VAR_lambda_jar_path
echo 'region = "us-east-2"' >"$T/terraform/terraform.tfvars"
touch "$T/terraform/main.tf" "$T/terraform/modules/m/main.tf" "$T/lambda/target/rmi360-monitor.jar"
fails=0
check() {  # name, expected exit, expected stderr substring (or ""), expected applied (yes/no)
  local name=$1 want_rc=$2 want_err=$3 want_apply=$4 rc=0
  : >"$CALLS"
  "$T/scripts/tf-deploy.sh" apply >"$T/out" 2>"$T/err" || rc=$?
  local applied=no; grep -q "^-chdir=terraform apply -input=false $T/build/tfplan\$" "$CALLS" && applied=yes
  if [[ $rc != "$want_rc" || $applied != "$want_apply" || ( -n $want_err && $(grep -c -- "$want_err" "$T/err") != 1 ) \
        || ( $want_rc == 2 && $(wc -l <"$T/err") != 1 ) ]]; then
    echo "test-tf-deploy: FAIL: $name: exit $rc (want $want_rc), applied=$applied (want $want_apply), stderr: $(cat "$T/err")" >&2
    fails=$((fails + 1))
  else
    echo "test-tf-deploy: ok: $name"
  fi
}
age() { touch -d "$1" "${@:2}"; }  # set mtimes: age '-1 hour' files...

check "no saved plan is refused" 2 "no reviewed plan at build/tfplan" no

age '-2 hour' "$T/terraform/main.tf" "$T/terraform/modules/m/main.tf" "$T/terraform/terraform.tfvars" "$T/lambda/target/rmi360-monitor.jar"
echo plan >"$T/build/tfplan"; age '-1 hour' "$T/build/tfplan"
check "a fresh plan is applied as saved" 0 "" yes
[[ -f $T/build/tfplan.applied && ! -f $T/build/tfplan ]] || { echo "test-tf-deploy: FAIL: applied plan not set aside" >&2; fails=$((fails + 1)); }

echo plan >"$T/build/tfplan"; age '-1 hour' "$T/build/tfplan"
touch "$T/lambda/target/rmi360-monitor.jar"
check "a plan older than the jar is refused" 2 "older than lambda/target/rmi360-monitor.jar" no
age '-2 hour' "$T/lambda/target/rmi360-monitor.jar"

touch "$T/terraform/modules/m/main.tf"
check "a plan older than a module file is refused" 2 "older than terraform/modules/m/main.tf" no
age '-2 hour' "$T/terraform/modules/m/main.tf"

touch "$T/terraform/terraform.tfvars"
check "a plan older than terraform.tfvars is refused" 2 "older than terraform/terraform.tfvars" no
age '-2 hour' "$T/terraform/terraform.tfvars"

mkdir -p "$T/jars"; touch "$T/jars/other.jar"
TF_VAR_lambda_jar_path=$T/jars/other.jar check "a plan older than lambda_jar_path's jar is refused" 2 "older than $T/jars/other.jar" no

check "after the refusals the same plan still applies" 0 "" yes
# make destroy: what Terraform keeps on an existing bucket is removed from the state, not
# destroyed; everything else is left to terraform destroy.
: >"$CALLS"
STATE="module.status_site.data.aws_s3_bucket_policy.existing[0] module.status_site.aws_s3_bucket_policy.existing[0]
module.status_site.aws_s3_bucket_public_access_block.existing[0] module.status_site.aws_s3_bucket_policy.this[0]
module.upload_monitor.aws_lambda_function.this[\"monitor\"]" \
  AUTO_APPROVE=1 "$T/scripts/tf-deploy.sh" destroy >"$T/out" 2>"$T/err"
removed=$(sed -n 's/^-chdir=terraform state rm //p' "$CALLS" | tr '\n' ' ')
want="module.status_site.aws_s3_bucket_policy.existing[0] module.status_site.aws_s3_bucket_public_access_block.existing[0] "
if [[ $removed != "$want" ]] || ! grep -q '^-chdir=terraform destroy -input=true -auto-approve$' "$CALLS" \
   || [[ $(grep -c 'left on the existing bucket' "$T/out") != 2 ]]; then
  echo "test-tf-deploy: FAIL: destroy forgot [$removed] (want [$want]); calls: $(tr '\n' ';' <"$CALLS")" >&2; fails=$((fails + 1))
else
  echo "test-tf-deploy: ok: destroy forgets the existing bucket's policy and access block, destroys the rest"
fi
(( fails == 0 )) || exit 1
