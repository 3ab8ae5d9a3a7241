output "region" {
  description = "Region the stack is deployed in."
  value       = data.aws_region.current.name

  precondition {
    condition     = data.aws_region.current.name == var.region
    error_message = "The AWS provider is configured for ${data.aws_region.current.name}, but var.region is ${var.region}: export AWS_REGION=${var.region} (make plan does this)."
  }
}

output "bucket_name" {
  description = "Bucket holding images and status pages."
  value       = module.status_site.bucket_name
}

output "status_page_url" {
  description = "HTTPS URL of the overall status page (public only when public_status_page is true)."
  value       = module.status_site.status_page_url
}

output "status_website_url" {
  description = "HTTP website URL of the status folder, or null when enable_website is false."
  value       = module.status_site.website_url
}

output "bucket_policy_json" {
  description = "The bucket policy the status site applies: on an existing bucket its own statements plus ours (Sids Rmi360*); when the policy is not managed, the statements to merge by hand."
  value       = module.status_site.bucket_policy_json
}

output "monitor_function_name" {
  description = "Name of the progress monitor function."
  value       = module.upload_monitor.monitor_function_name
}

output "monitor_function_arn" {
  description = "ARN of the progress monitor function."
  value       = module.upload_monitor.monitor_function_arn
}

output "disable_function_name" {
  description = "Name of the function that disables a finished project's rule."
  value       = module.upload_monitor.disable_function_name
}

output "disable_function_arn" {
  description = "ARN of the function that disables a finished project's rule."
  value       = module.upload_monitor.disable_function_arn
}

output "monitor_rule_name" {
  description = "Name of the base schedule rule (the agent adds UploadMonitorRule-<slug> per project)."
  value       = module.upload_monitor.rule_name
}

output "monitor_rule_arn" {
  description = "ARN of the base schedule rule."
  value       = module.upload_monitor.rule_arn
}

output "monitor_rule_arn_pattern" {
  description = "Rule ARN pattern allowed to invoke the monitor (base and per-project rules)."
  value       = module.upload_monitor.rule_arn_pattern
}

output "lambda_role_arn" {
  description = "ARN of the functions' execution role LambdaProgressMonitorRole."
  value       = module.lambda_role.role_arn
}

output "deployer_policy_arn" {
  description = "ARN of the deployer policy (the seed guide's five statements)."
  value       = module.deployer_iam.policy_arn
}

output "deployer_user_name" {
  description = "Name of the agent's IAM user, or null when create_deployer_user is false. Create its access key outside Terraform (docs/deploy.md)."
  value       = module.deployer_iam.user_name
}

output "deployer_boundary_policy_arn" {
  description = "ARN of the deployer's permissions boundary (deployer_permissions_boundary), or null."
  value       = module.deployer_iam.boundary_policy_arn
}

output "dead_letter_queue_url" {
  description = "URL of the SQS queue holding events the monitor functions failed on after their retries (e.g. a disable that kept failing)."
  value       = module.upload_monitor.dead_letter_queue_url
}

output "notification_topic_arn" {
  description = "ARN of the SNS topic the monitor publishes Complete/Failed notifications to, or null when notifications are off."
  value       = module.upload_monitor.notification_topic_arn
}

output "transfer_acceleration" {
  description = "True when Terraform enables S3 Transfer Acceleration on the bucket (enable_acceleration): the agent's --accelerate then works."
  value       = module.status_site.transfer_acceleration
}
