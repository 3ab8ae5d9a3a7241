# Everything switched on: a new bucket with a public status page (images stay private except
# the listed project folder), website hosting, the deployer user, custom monitor settings.

provider "aws" {
  region = var.region

  default_tags {
    tags = { ManagedBy = "terraform" }
  }
}

module "rmi360" {
  source = "../../"

  region          = var.region
  bucket_name     = var.bucket_name
  lambda_jar_path = var.lambda_jar_path

  create_bucket        = true
  create_deployer_user = true
  deployer_user_name   = "project-deployer"

  public_status_page    = true
  public_image_prefixes = ["ABC25101/"]
  enable_website        = true

  lambda_memory_size  = 1024
  monitor_timeout     = 180
  stall_threshold     = 6
  image_extensions    = ["jpg", "jpeg"]
  log_retention_days  = 14
  schedule_expression = "rate(5 minutes)"

  tags = { Environment = "example" }
}
