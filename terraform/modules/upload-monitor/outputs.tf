output "monitor_function_name" {
  description = "Name of the progress monitor function."
  value       = aws_lambda_function.this["monitor"].function_name
}

output "monitor_function_arn" {
  description = "ARN of the progress monitor function."
  value       = aws_lambda_function.this["monitor"].arn
}

output "disable_function_name" {
  description = "Name of the rule-disabling function."
  value       = aws_lambda_function.this["disable"].function_name
}

output "disable_function_arn" {
  description = "ARN of the rule-disabling function."
  value       = aws_lambda_function.this["disable"].arn
}

output "log_group_names" {
  description = "Log group names of both functions."
  value       = [for g in aws_cloudwatch_log_group.this : g.name]
}

output "rule_name" {
  description = "Name of the base schedule rule."
  value       = aws_cloudwatch_event_rule.this.name
}

output "rule_arn" {
  description = "ARN of the base schedule rule."
  value       = aws_cloudwatch_event_rule.this.arn
}

output "rule_arn_pattern" {
  description = "Source ARN pattern the Lambda permission admits (base rule and per-project rules)."
  value       = local.rule_arn_pattern
}

output "monitor_reserved_concurrency" {
  description = "Reserved concurrency of the monitor function (-1: unreserved)."
  value       = aws_lambda_function.this["monitor"].reserved_concurrent_executions
}

output "dead_letter_queue_arn" {
  description = "ARN of the SQS queue holding events the functions failed on."
  value       = aws_sqs_queue.dead_letter.arn
}

output "dead_letter_queue_url" {
  description = "URL of the SQS dead-letter queue (read it with aws sqs receive-message --queue-url ...)."
  value       = aws_sqs_queue.dead_letter.url
}

output "notification_topic_arn" {
  description = "ARN of the SNS topic the monitor publishes to, or null when notifications are off."
  value       = local.notification_topic_arn
}

output "notifications_enabled" {
  description = "True when the monitor publishes notifications (known at plan time)."
  value       = local.create_notification_topic || var.notification_topic_arn != null
}
