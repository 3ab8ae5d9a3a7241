output "bucket_name" {
  description = "Name of the bucket."
  value       = local.bucket
}

output "bucket_arn" {
  description = "ARN of the bucket."
  value       = local.bucket_arn
}

output "bucket_policy_json" {
  description = "The bucket policy this module applies (or would apply, when manage_bucket_policy is false)."
  value       = jsonencode(local.bucket_policy)
}

output "status_page_url" {
  description = "HTTPS URL of the overall status page (readable anonymously only when public_status_page is true)."
  value       = local.status_page_url
}

output "website_url" {
  description = "HTTP URL of the status folder on the S3 website endpoint, or null when enable_website is false."
  value       = var.enable_website ? "http://${aws_s3_bucket_website_configuration.this[0].website_endpoint}/status/" : null
}

output "transfer_acceleration" {
  description = "True when this module enables S3 Transfer Acceleration on the bucket (enable_acceleration)."
  value       = length(aws_s3_bucket_accelerate_configuration.this) > 0
}
