# The images already live in a bucket managed elsewhere: the stack leaves the bucket's policy,
# public access block and lifecycle rules as they are (output bucket_policy_json holds the TLS
# statement to merge by hand; manage_bucket_policy = true merges it for you, keeping the
# owner's statements; destroy never removes either). The deployer policy is created without a user,
# to be attached to an existing group or role.

provider "aws" {
  region = var.region
}

module "rmi360" {
  source = "../../"

  region          = var.region
  bucket_name     = var.bucket_name
  lambda_jar_path = var.lambda_jar_path

  create_bucket           = false
  manage_bucket_lifecycle = var.manage_bucket_lifecycle
  create_deployer_user    = false
  public_status_page      = false
}
