output "role_arn" {
  description = "ARN of the Lambda execution role (known once its policies are attached, so functions created with it can log from their first run, and Lambda accepts the dead-letter destination)."
  value       = aws_iam_role.this.arn

  depends_on = [aws_iam_role_policy_attachment.logging, aws_iam_role_policy_attachment.access, aws_iam_role_policy_attachment.alerts]
}

output "role_name" {
  description = "Name of the Lambda execution role."
  value       = aws_iam_role.this.name
}

output "logging_policy_arn" {
  description = "ARN of the log-writing policy attached to the role."
  value       = aws_iam_policy.logging.arn
}

output "access_policy_arn" {
  description = "ARN of the LambdaUploadMonitorAccess policy attached to the role."
  value       = aws_iam_policy.access.arn
}

output "logging_policy_json" {
  description = "The log-writing policy document (JSON)."
  value       = jsonencode(local.logging_policy)
}

output "access_policy_json" {
  description = "The LambdaUploadMonitorAccess policy document (JSON)."
  value       = jsonencode(local.access_policy)
}

output "assume_role_policy_json" {
  description = "The role's trust policy (JSON)."
  value       = jsonencode(local.assume_role_policy)
}

output "alerts_policy_json" {
  description = "The dead-letter and notification policy document (JSON), or null when neither is granted."
  value       = local.create_alerts_policy ? jsonencode(local.alerts_policy) : null
}
