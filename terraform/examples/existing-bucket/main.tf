# The images already live in a bucket managed elsewhere: the stack only adds its bucket policy
# and public access block (status pages private here), and leaves the bucket's lifecycle rules
# alone unless manage_bucket_lifecycle is set. The deployer policy is created without a user,
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
