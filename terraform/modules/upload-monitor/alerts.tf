# Failure handling and notifications: both functions are invoked asynchronously (EventBridge ->
# ProgressMonitor, ProgressMonitor -> DisableUploadMonitorRule). Lambda retries a failed
# invocation up to max_retry_attempts times within the maximum event age, then sends the event,
# with the error, to the dead-letter queue. The optional SNS topic receives one message when a
# project becomes Complete and one when it becomes Failed.

locals {
  # Known at plan time even when the topic is created in the same apply.
  create_notification_topic = var.notification_topic_arn == null && length(var.notification_emails) > 0
  notification_topic_arn    = local.create_notification_topic ? aws_sns_topic.this[0].arn : var.notification_topic_arn

  max_event_age = {
    monitor = var.monitor_max_event_age_seconds
    disable = var.disable_max_event_age_seconds
  }
}

resource "aws_sqs_queue" "dead_letter" {
  name                      = var.dead_letter_queue_name
  message_retention_seconds = var.dead_letter_retention_days * 86400
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = local.functions

  function_name                = aws_lambda_function.this[each.key].function_name
  maximum_event_age_in_seconds = local.max_event_age[each.key]
  maximum_retry_attempts       = var.max_retry_attempts

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letter.arn
    }
  }
}

resource "aws_sns_topic" "this" {
  count = local.create_notification_topic ? 1 : 0

  name = var.notification_topic_name
  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.notification_emails)

  topic_arn = local.notification_topic_arn
  protocol  = "email"
  endpoint  = each.value
}
