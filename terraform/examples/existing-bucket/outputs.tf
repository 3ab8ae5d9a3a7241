output "status_page_url" {
  description = "HTTPS URL of the overall status page."
  value       = module.rmi360.status_page_url
}

output "status_website_url" {
  description = "HTTP website URL of the status folder, or null."
  value       = module.rmi360.status_website_url
}

output "bucket_policy_json" {
  description = "The bucket policy applied to the bucket."
  value       = module.rmi360.bucket_policy_json
}

output "monitor_function_arn" {
  description = "ARN of the progress monitor function."
  value       = module.rmi360.monitor_function_arn
}

output "monitor_rule_arn" {
  description = "ARN of the base schedule rule."
  value       = module.rmi360.monitor_rule_arn
}

output "lambda_role_arn" {
  description = "ARN of the functions' execution role."
  value       = module.rmi360.lambda_role_arn
}

output "deployer_policy_arn" {
  description = "ARN of the deployer policy."
  value       = module.rmi360.deployer_policy_arn
}

output "deployer_user_name" {
  description = "Name of the deployer user, or null."
  value       = module.rmi360.deployer_user_name
}
