output "policy_arn" {
  description = "ARN of the deployer policy."
  value       = aws_iam_policy.this.arn
}

output "policy_name" {
  description = "Name of the deployer policy."
  value       = aws_iam_policy.this.name
}

output "policy_json" {
  description = "The deployer policy document (JSON)."
  value       = jsonencode(local.policy)
}

output "user_name" {
  description = "Name of the deployer IAM user, or null when create_user is false."
  value       = try(aws_iam_user.this[0].name, null)
}

output "user_arn" {
  description = "ARN of the deployer IAM user, or null when create_user is false."
  value       = try(aws_iam_user.this[0].arn, null)
}

output "boundary_policy_arn" {
  description = "ARN of the permissions boundary policy, or null when permissions_boundary is false."
  value       = try(aws_iam_policy.boundary[0].arn, null)
}

output "boundary_policy_json" {
  description = "The permissions boundary document (JSON), or null when permissions_boundary is false."
  value       = var.permissions_boundary ? jsonencode(local.boundary) : null
}
