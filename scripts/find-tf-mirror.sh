#!/usr/bin/env bash
# Prints the root of the local Terraform provider mirror: the folder that holds
# registry.terraform.io/hashicorp/aws/<version>/. $TF_PLUGIN_MIRROR wins when set.
# Prints nothing (exit 1) where no mirror is found.
set -euo pipefail
if [[ -n "${TF_PLUGIN_MIRROR:-}" ]]; then
  echo "$TF_PLUGIN_MIRROR"; exit 0
fi
for root in "$HOME/.terraform.d/plugins" /opt /usr/local/share /usr/share; do
  [[ -d "$root" ]] || continue
  hit=$(find "$root" -maxdepth 8 -type f -name 'terraform-provider-aws*' -path '*registry.terraform.io/hashicorp/aws/*' 2>/dev/null | head -n 1)
  if [[ -n "$hit" ]]; then
    echo "${hit%%/registry.terraform.io/*}"; exit 0
  fi
done
hit=$(find / -xdev -type f -name 'terraform-provider-aws*' -path '*registry.terraform.io/hashicorp/aws/*' 2>/dev/null | head -n 1 || true)
[[ -n "$hit" ]] || exit 1
echo "${hit%%/registry.terraform.io/*}"
