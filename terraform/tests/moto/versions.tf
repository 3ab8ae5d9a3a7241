terraform {
  required_version = ">= 1.7"

  # State goes where scripts/tf-moto-cycle.sh says (init -backend-config=path=...), under build/.
  backend "local" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.27, < 6.0"
    }
  }
}
