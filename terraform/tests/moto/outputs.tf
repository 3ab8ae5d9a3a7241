output "bucket_name" {
  description = "Bucket created in the emulator."
  value       = module.rmi360.bucket_name
}

output "monitor_function_name" {
  description = "Name of the progress monitor function."
  value       = module.rmi360.monitor_function_name
}

output "monitor_rule_name" {
  description = "Name of the base rule."
  value       = module.rmi360.monitor_rule_name
}

output "deployer_user_name" {
  description = "Name of the deployer user."
  value       = module.rmi360.deployer_user_name
}

output "status_page_url" {
  description = "Status page URL (as on AWS; the emulator serves it path-style)."
  value       = module.rmi360.status_page_url
}
