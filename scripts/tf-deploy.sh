#!/usr/bin/env bash
# make plan | deploy | destroy for real users: terraform in terraform/, variables from
# terraform/terraform.tfvars (auto-loaded when present) or TF_VAR_*, provider region = var.region.
#   plan     init, then plan -out build/tfplan (review it: terraform -chdir=terraform show ../build/tfplan)
#   apply    applies exactly the reviewed build/tfplan; refuses (exit 2, one line) when there is
#            none, or when the jar, a Terraform file, terraform.tfvars or the lock file is newer
#   destroy  init, then destroy (asks; AUTO_APPROVE=1 skips the question); resources kept on an
#            existing bucket (its policy, its access block) are forgotten first, never deleted
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

PLAN=build/tfplan
# The jar the plan hashed: lambda_jar_path from TF_VAR_* or terraform.tfvars, else the build's.
jar=${TF_VAR_lambda_jar_path:-$(sed -nE 's/^[[:space:]]*lambda_jar_path[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p' "$TFVARS" 2>/dev/null | head -n 1)}
[[ -n $jar && $jar != /* && ! -f $jar ]] && jar=$DIR/$jar
jar=${jar:-lambda/target/rmi360-monitor.jar}
if [[ $action != destroy && ! -f $jar ]]; then
  echo "$action: $jar is missing: run make build first" >&2; exit 1
fi

if [[ $action == apply ]]; then
  # Only the reviewed plan is applied: it must exist and be newer than everything it was made from.
  [[ -f $PLAN ]] || { echo "deploy: no reviewed plan at $PLAN: run make plan, review it, then make deploy" >&2; exit 2; }
  newer=$( { find "$DIR" -path "$DIR/.terraform" -prune -o -path "$DIR/tests" -prune -o \
               \( -name '*.tf' -o -name '*.tfvars' -o -name '.terraform.lock.hcl' \) -newer "$PLAN" -print
             if [[ $jar -nt $PLAN ]]; then echo "$jar"; fi; } | head -n 1 || true)
  if [[ -n $newer ]]; then
    echo "deploy: $PLAN is older than $newer: run make plan again and review the new plan" >&2; exit 2
  fi
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
    # A saved plan applies without a second question: the review was make plan. Terraform itself
    # refuses it when the state moved on since (another apply in between).
    "$TF" -chdir="$DIR" apply -input=false "$PWD/$PLAN"
    mv -f "$PLAN" "$PLAN.applied"
    "$TF" -chdir="$DIR" output ;;
  destroy)
    echo "destroy: per-project rules UploadMonitorRule-<slug> belong to the agent; remove them first (docs/deploy.md, Teardown)."
    # What Terraform manages on an existing bucket it did not create (policy, access block) is
    # forgotten, not deleted: those resources refuse destruction (prevent_destroy).
    while IFS= read -r addr; do
      [[ $addr == *.existing\[* && $addr != *data.* ]] || continue
      "$TF" -chdir="$DIR" state rm "$addr" >/dev/null
      echo "destroy: left on the existing bucket, removed from the state only: $addr (see docs/deploy.md, Teardown)"
    done < <("$TF" -chdir="$DIR" state list 2>/dev/null || true)
    "$TF" -chdir="$DIR" destroy -input=true "${approve[@]}" ;;
  *) echo "usage: tf-deploy.sh plan|apply|destroy" >&2; exit 2 ;;
esac
