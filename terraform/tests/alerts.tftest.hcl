# Failure handling and notifications: each function's asynchronous invocations are retried, then
# land in the SQS dead-letter queue (Terraform creates it, with its retention); the optional SNS
# topic (created for notification_emails, or an existing one) reaches the monitor through its
# environment, and the role may publish to that topic only. Lambda itself cannot run here (moto
# needs Docker to invoke), so these runs check the wiring; the disabler failing its invocation on
# an EventBridge error is DisableRuleHandlerIT, the publish itself FinishedProjectIT.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  jar_path    = "tests/fixtures/stand-in.jar"
  role_arn    = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
  bucket_name = "rmi360-test-bucket"
}

run "failed_events_of_both_functions_go_to_the_dead_letter_queue_after_retries" {
  command   = apply
  state_key = "dlq"

  module {
    source = "./modules/upload-monitor"
  }

  assert {
    condition     = length(aws_lambda_function_event_invoke_config.this) == 2 && alltrue([for k, c in aws_lambda_function_event_invoke_config.this : c.function_name == aws_lambda_function.this[k].function_name])
    error_message = "Each of the two functions must have its own event-invoke config."
  }

  assert {
    condition     = alltrue([for c in aws_lambda_function_event_invoke_config.this : one(one(c.destination_config).on_failure).destination == aws_sqs_queue.dead_letter.arn])
    error_message = "Failed asynchronous events of both functions must go to the dead-letter queue."
  }

  assert {
    condition     = alltrue([for c in aws_lambda_function_event_invoke_config.this : c.maximum_retry_attempts == 2])
    error_message = "Lambda must retry a failed event twice by default."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.this["disable"].maximum_event_age_in_seconds == 21600 && aws_lambda_function_event_invoke_config.this["monitor"].maximum_event_age_in_seconds == 900
    error_message = "A disable request must be retried for up to 6 hours, a tick for up to 15 minutes."
  }

  assert {
    condition     = aws_sqs_queue.dead_letter.name == "UploadMonitorFailedEvents" && aws_sqs_queue.dead_letter.message_retention_seconds == 1209600 && aws_sqs_queue.dead_letter.sqs_managed_sse_enabled
    error_message = "The dead-letter queue must be UploadMonitorFailedEvents, encrypted, keeping events 14 days."
  }

  assert {
    condition     = length(aws_sns_topic.this) == 0 && length(aws_sns_topic_subscription.email) == 0 && aws_lambda_function.this["monitor"].environment[0].variables["NOTIFICATION_TOPIC_ARN"] == "" && output.notifications_enabled == false
    error_message = "Without notification_emails or a topic ARN there must be no topic and no notifications."
  }
}

run "retention_and_retries_follow_the_variables" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    dead_letter_retention_days = 3
    max_retry_attempts         = 0
  }

  assert {
    condition     = aws_sqs_queue.dead_letter.message_retention_seconds == 259200 && alltrue([for c in aws_lambda_function_event_invoke_config.this : c.maximum_retry_attempts == 0])
    error_message = "dead_letter_retention_days and max_retry_attempts must reach the queue and the invoke configs."
  }
}

run "dead_letter_retention_beyond_what_sqs_keeps_is_refused" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    dead_letter_retention_days = 15
  }

  expect_failures = [var.dead_letter_retention_days]
}

run "notification_emails_get_a_topic_that_reaches_the_monitor" {
  command   = apply
  state_key = "topic"

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    notification_emails  = ["ops@example.com", "pm@example.com"]
    status_page_base_url = "https://rmi360-test-bucket.s3.us-east-2.amazonaws.com/"
  }

  assert {
    condition     = length(aws_sns_topic.this) == 1 && aws_sns_topic.this[0].name == "rmi360-upload-notifications"
    error_message = "notification_emails without a topic ARN must create the topic."
  }

  assert {
    condition     = toset([for s in aws_sns_topic_subscription.email : s.endpoint]) == toset(["ops@example.com", "pm@example.com"]) && alltrue([for s in aws_sns_topic_subscription.email : s.protocol == "email" && s.topic_arn == aws_sns_topic.this[0].arn])
    error_message = "Every address must be an e-mail subscription of the topic."
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].environment[0].variables["NOTIFICATION_TOPIC_ARN"] == aws_sns_topic.this[0].arn && output.notification_topic_arn == aws_sns_topic.this[0].arn && output.notifications_enabled
    error_message = "The monitor must get the topic's ARN as NOTIFICATION_TOPIC_ARN."
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].environment[0].variables["STATUS_PAGE_BASE_URL"] == "https://rmi360-test-bucket.s3.us-east-2.amazonaws.com/"
    error_message = "The monitor must get the public page address for the message."
  }
}

run "an_existing_topic_is_used_not_created" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    notification_topic_arn = "arn:aws:sns:us-east-2:123456789012:ops-alerts"
    notification_emails    = ["ops@example.com"]
  }

  assert {
    condition     = length(aws_sns_topic.this) == 0 && aws_lambda_function.this["monitor"].environment[0].variables["NOTIFICATION_TOPIC_ARN"] == "arn:aws:sns:us-east-2:123456789012:ops-alerts"
    error_message = "With notification_topic_arn no topic may be created and the monitor must publish to the given one."
  }

  assert {
    condition     = aws_sns_topic_subscription.email["ops@example.com"].topic_arn == "arn:aws:sns:us-east-2:123456789012:ops-alerts"
    error_message = "notification_emails must be subscribed to the existing topic."
  }
}

run "lambda_role_may_publish_to_that_topic_only_and_send_to_the_queue" {
  command = plan

  module {
    source = "./modules/lambda-role"
  }

  variables {
    dead_letter_queue_arn     = "arn:aws:sqs:us-east-2:123456789012:UploadMonitorFailedEvents"
    send_to_dead_letter_queue = true
    notification_topic_arn    = "arn:aws:sns:us-east-2:123456789012:rmi360-upload-notifications"
    publish_notifications     = true
  }

  assert {
    condition = jsondecode(output.alerts_policy_json).Statement == [
      { Sid = "SendFailedEventsToDeadLetterQueue", Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-2:123456789012:UploadMonitorFailedEvents" },
      { Sid = "PublishFinishNotifications", Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:us-east-2:123456789012:rmi360-upload-notifications" },
    ]
    error_message = "The alerts policy must allow sqs:SendMessage on the queue and sns:Publish on the topic, nothing else."
  }

  assert {
    condition     = length(aws_iam_role_policy_attachment.alerts) == 1 && jsondecode(aws_iam_policy.alerts[0].policy) == jsondecode(output.alerts_policy_json)
    error_message = "The alerts policy must be attached to the role."
  }

  assert {
    condition     = length([for s in jsondecode(output.access_policy_json).Statement : s if can(regex("sns:|sqs:", jsonencode(s.Action)))]) == 0
    error_message = "The seed guide's access policy must stay as written (no SNS or SQS there)."
  }
}

run "without_notifications_the_role_cannot_publish" {
  command = plan

  module {
    source = "./modules/lambda-role"
  }

  variables {
    dead_letter_queue_arn     = "arn:aws:sqs:us-east-2:123456789012:UploadMonitorFailedEvents"
    send_to_dead_letter_queue = true
  }

  assert {
    condition     = !strcontains(output.alerts_policy_json, "sns:")
    error_message = "Without notifications the role must not be allowed sns:Publish."
  }
}

run "root_wires_queue_topic_and_public_page_address" {
  command   = apply
  state_key = "root-public"

  variables {
    region              = "us-east-2"
    lambda_jar_path     = "tests/fixtures/stand-in.jar"
    public_status_page  = true
    notification_emails = ["ops@example.com"]
  }

  assert {
    condition     = module.lambda_role.alerts_policy_json != null && strcontains(module.lambda_role.alerts_policy_json, "sns:Publish") && strcontains(module.lambda_role.alerts_policy_json, "sqs:SendMessage")
    error_message = "The root must grant the role the queue and the topic when notification_emails is set."
  }

  assert {
    condition     = module.upload_monitor.monitor_function_name == "ProgressMonitor" && nonsensitive(module.upload_monitor.notifications_enabled)
    error_message = "The root must turn notifications on for notification_emails."
  }
}

run "root_private_page_sends_no_public_address" {
  command   = apply
  state_key = "root-private"

  variables {
    region          = "us-east-2"
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  assert {
    condition     = !strcontains(module.lambda_role.alerts_policy_json, "sns:") && !module.upload_monitor.notifications_enabled
    error_message = "Without notification settings the root must not grant sns:Publish."
  }
}
