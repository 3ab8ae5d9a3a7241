# The whole stack against a local AWS API (moto_server), as `make deploy` would build it, for the
# apply -> plan (no changes) -> destroy cycle run by scripts/tf-moto-cycle.sh. This directory is
# a root configuration of its own: its provider block points every service at the emulator, and
# the root module it calls has no provider block of its own, so this one applies.

provider "aws" {
  region     = var.region
  access_key = "testing"
  secret_key = "testing"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true

  endpoints {
    events = var.aws_endpoint_url
    iam    = var.aws_endpoint_url
    lambda = var.aws_endpoint_url
    logs   = var.aws_endpoint_url
    s3     = var.aws_endpoint_url
    sns    = var.aws_endpoint_url
    sqs    = var.aws_endpoint_url
    sts    = var.aws_endpoint_url
  }
}

module "rmi360" {
  source = "../.."

  region          = var.region
  bucket_name     = var.bucket_name
  lambda_jar_path = var.lambda_jar_path

  # Exercise every optional part, so that each one is checked for drift and clean teardown.
  create_bucket         = true
  force_destroy_bucket  = true
  create_deployer_user  = true
  public_status_page    = true
  public_image_prefixes = ["motocycle/"]
  enable_website        = true

  # moto applies a bucket policy's Deny to object requests without evaluating its condition, so
  # the TLS deny would refuse every object write of the agent step (moto/iam/access_control.py,
  # _check_conditions). The bucket policy is covered by tests/status_site.tftest.hcl.
  manage_bucket_policy = false

  # The provider polls for ~55 s after writing a lifecycle configuration (S3 propagation), which
  # would double the cycle; the rule is covered by tests/status_site.tftest.hcl. Opt in with
  # TF_VAR_manage_bucket_lifecycle=true.
  manage_bucket_lifecycle = var.manage_bucket_lifecycle

  # A created topic with an e-mail subscription (moto confirms nothing and sends nothing).
  notification_emails = ["ops@example.com"]

  tags = { Environment = "moto-test" }
}
