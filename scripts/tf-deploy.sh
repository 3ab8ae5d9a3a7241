#!/usr/bin/env bash
# make plan | deploy | destroy for real users: terraform in terraform/, variables from
# terraform/terraform.tfvars (auto-loaded when present) or TF_VAR_*, provider region = var.region.
#   plan     init, then plan -out build/tfplan (review it: terraform -chdir=terraform show ../build/tfplan)
#   apply    init, then apply (shows the plan and asks; AUTO_APPROVE=1 skips the question)
#   destroy  init, then destroy (asks; AUTO_APPROVE=1 skips the question)
# Uses TF_CLI_CONFIG_FILE (offline provider mirror) when the Makefile found one; else the registry.
set -euo pipefail
cd "$(dirname "$0")/.."
TF=${TERRAFORM:-terraform}
DIR=terraform
TFVARS=$DIR/terraform.tfvars
action=${1:?usage: tf-deploy.sh plan|apply|destroy}

command -v "$TF" >/dev/null || { echo "$action: terraform is not installed" >&2; exit 1; }
# Variables: terraform/terraform.tfvars when present (terraform loads it), else TF_VAR_* only.
region=${TF_VAR_region:-}
if [[ -f $TFVARS ]]; then
  region=$(sed -nE 's/^[[:space:]]*region[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p' "$TFVARS" | head -n 1)
  region=${region:-${TF_VAR_region:-}}
else
  echo "$action: no $TFVARS (copy $DIR/terraform.tfvars.example, see docs/deploy.md); using TF_VAR_* variables only" >&2
fi

# The root module has no provider block (it is also called as a module); the provider takes its
# region from AWS_REGION, set here from var.region. Terraform stops if the two disagree.
if [[ -n "$region" ]]; then
  if [[ -n "${AWS_REGION:-}" && "$AWS_REGION" != "$region" ]]; then
    echo "$action: AWS_REGION=$AWS_REGION but var.region is $region; using $region" >&2
  fi
  export AWS_REGION=$region AWS_DEFAULT_REGION=$region
fi

if [[ $action != destroy && ! -f lambda/target/rmi360-monitor.jar && -z "${TF_VAR_lambda_jar_path:-}" ]] \
   && ! grep -qsE '^[[:space:]]*lambda_jar_path[[:space:]]*=' "$TFVARS"; then
  echo "$action: lambda/target/rmi360-monitor.jar is missing: run make build first" >&2; exit 1
fi

mkdir -p build
"$TF" -chdir="$DIR" init -input=false >build/tf-init.log 2>&1 || { cat build/tf-init.log >&2; exit 1; }

approve=()
[[ "${AUTO_APPROVE:-}" == 1 ]] && approve=(-auto-approve)
case $action in
  plan)
    "$TF" -chdir="$DIR" plan -input=false -out="$PWD/build/tfplan"
    echo "plan: saved to build/tfplan; review with: terraform -chdir=$DIR show ../build/tfplan" ;;
  apply)
    "$TF" -chdir="$DIR" apply -input=true "${approve[@]}"
    "$TF" -chdir="$DIR" output ;;
  destroy)
    echo "destroy: per-project rules UploadMonitorRule-<slug> belong to the agent; remove them first (docs/deploy.md, Teardown)."
    "$TF" -chdir="$DIR" destroy -input=true "${approve[@]}" ;;
  *) echo "usage: tf-deploy.sh plan|apply|destroy" >&2; exit 2 ;;
esac
