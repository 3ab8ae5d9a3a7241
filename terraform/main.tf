# rmi360-aws: everything the seed guide set up by hand. The root holds no provider block, so
# it can be called as a module (examples/, tests/moto/); run directly (make plan/deploy), the
# AWS provider takes its region from AWS_REGION, which the Makefile sets from var.region.

data "aws_region" "current" {}

locals {
  jar_path = coalesce(var.lambda_jar_path, "${path.module}/../lambda/target/rmi360-monitor.jar")
  tags     = merge({ Project = "rmi360" }, var.tags)

  monitor_function_name = "ProgressMonitor"
  disable_function_name = "DisableUploadMonitorRule"
  rule_name             = "UploadMonitorRule"
  lambda_role_name      = "LambdaProgressMonitorRole"
}

module "status_site" {
  source = "./modules/status-site"

  bucket_name                     = var.bucket_name
  create_bucket                   = var.create_bucket
  force_destroy                   = var.force_destroy_bucket
  public_status_page              = var.public_status_page
  public_image_prefixes           = var.public_image_prefixes
  enable_website                  = var.enable_website
  manage_bucket_policy            = var.manage_bucket_policy
  manage_public_access_block      = var.manage_public_access_block
  merge_existing_policy           = var.merge_existing_bucket_policy
  manage_lifecycle                = var.manage_bucket_lifecycle
  abort_incomplete_multipart_days = var.abort_incomplete_multipart_days
  tags                            = local.tags

  # Upload settings (issue 15)
  enable_acceleration   = var.enable_acceleration
  image_transition_days = var.image_transition_days
  image_storage_class   = var.image_storage_class
}

module "deployer_iam" {
  source = "./modules/deployer-iam"

  create_user           = var.create_deployer_user
  user_name             = var.deployer_user_name
  bucket_name           = module.status_site.bucket_name
  monitor_function_name = local.monitor_function_name
  disable_function_name = local.disable_function_name
  rule_name_prefix      = local.rule_name
  lambda_role_name      = local.lambda_role_name
  permissions_boundary  = var.deployer_permissions_boundary
  tags                  = local.tags
}

module "lambda_role" {
  source = "./modules/lambda-role"

  role_name             = local.lambda_role_name
  bucket_name           = module.status_site.bucket_name
  function_names        = [local.monitor_function_name, local.disable_function_name]
  disable_function_name = local.disable_function_name
  rule_name_prefix      = local.rule_name
  tags                  = local.tags

  # Failure handling and notifications
  dead_letter_queue_arn     = module.upload_monitor.dead_letter_queue_arn
  send_to_dead_letter_queue = true
  notification_topic_arn    = module.upload_monitor.notification_topic_arn
  publish_notifications     = module.upload_monitor.notifications_enabled
}

module "upload_monitor" {
  source = "./modules/upload-monitor"

  jar_path              = local.jar_path
  role_arn              = module.lambda_role.role_arn
  monitor_function_name = local.monitor_function_name
  disable_function_name = local.disable_function_name
  memory_size           = var.lambda_memory_size
  monitor_timeout       = var.monitor_timeout
  disable_timeout       = var.disable_timeout
  stall_threshold       = var.stall_threshold
  image_extensions      = var.image_extensions
  log_retention_days    = var.log_retention_days
  rule_name             = local.rule_name
  schedule_expression   = var.schedule_expression
  rule_enabled          = var.base_rule_enabled
  bucket_name           = module.status_site.bucket_name
  reserved_concurrency  = var.monitor_reserved_concurrency
  tags                  = local.tags

  # Failure handling and notifications
  monitor_max_event_age_seconds = var.monitor_max_event_age_seconds
  disable_max_event_age_seconds = var.disable_max_event_age_seconds
  max_retry_attempts            = var.max_retry_attempts
  dead_letter_retention_days    = var.dead_letter_retention_days
  notification_emails           = var.notification_emails
  notification_topic_arn        = var.notification_topic_arn
  status_page_base_url          = var.public_status_page ? trimsuffix(module.status_site.status_page_url, "status/status.html") : null
}
