# An existing bucket (made by scripts/tf-moto-existing-bucket.sh with its owner's policy and
# access block) taken over on request: the status site module with create_bucket = false and
# manage_bucket_policy / manage_public_access_block = true, against moto_server. The script
# checks the merge, a clean second plan, that destroy refuses, and that after make destroy's
# state rm the owner's settings are still there.

terraform {
  required_version = ">= 1.7"

  backend "local" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.27, < 6.0"
    }
  }
}

variable "aws_endpoint_url" {
  description = "moto_server URL (loopback only)."
  type        = string

  validation {
    condition     = can(regex("^http://127\\.0\\.0\\.1:[0-9]+$", var.aws_endpoint_url))
    error_message = "aws_endpoint_url must be http://127.0.0.1:<port>."
  }
}

provider "aws" {
  region     = "us-east-2"
  access_key = "testing"
  secret_key = "testing"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
  s3_use_path_style           = true

  endpoints {
    s3  = var.aws_endpoint_url
    sts = var.aws_endpoint_url
  }
}

module "status_site" {
  source = "../../modules/status-site"

  bucket_name                = "rmi360-owner-bucket"
  create_bucket              = false
  manage_bucket_policy       = true
  manage_public_access_block = true
  public_status_page         = true
}
