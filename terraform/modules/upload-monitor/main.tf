# Both monitor functions from one jar, their log groups, the base schedule rule with its
# target, and one Lambda permission admitting every UploadMonitorRule* rule, so the rules the
# agent creates per project (UploadMonitorRule-<slug>) can invoke the monitor too.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  # Hashing a missing jar would be an error even for destroy; the precondition below reports a
  # missing jar when functions are created or updated, and teardown works without a build.
  jar_hash = fileexists(var.jar_path) ? filebase64sha256(var.jar_path) : null

  rule_arn_pattern = "arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${var.rule_name}*"

  functions = {
    monitor = {
      name    = var.monitor_function_name
      handler = "com.rmi360.monitor.ProgressMonitorHandler::handleRequest"
      timeout = var.monitor_timeout
      environment = {
        STALL_THRESHOLD       = tostring(var.stall_threshold)
        DISABLE_FUNCTION_NAME = var.disable_function_name
        RULE_NAME             = var.rule_name
        IMAGE_EXTENSIONS      = join(",", var.image_extensions)
        # Empty: no notifications / the page is private (the message then says how to get a link).
        NOTIFICATION_TOPIC_ARN = local.notification_topic_arn == null ? "" : local.notification_topic_arn
        STATUS_PAGE_BASE_URL   = var.status_page_base_url == null ? "" : var.status_page_base_url
      }
    }
    disable = {
      name    = var.disable_function_name
      handler = "com.rmi360.monitor.DisableRuleHandler::handleRequest"
      timeout = var.disable_timeout
      environment = {
        RULE_NAME = var.rule_name
      }
    }
  }

  rule_input = {
    project_slug   = var.base_rule_project.slug
    bucket         = var.bucket_name
    prefix         = var.base_rule_project.prefix
    expected_total = var.base_rule_project.expected_total
    rule_name      = var.rule_name
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.functions

  name              = "/aws/lambda/${each.value.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name    = each.value.name
  description      = "RMI 360 upload monitor (${each.key})"
  role             = var.role_arn
  runtime          = "java21"
  handler          = each.value.handler
  filename         = var.jar_path
  source_code_hash = local.jar_hash
  memory_size      = var.memory_size
  timeout          = each.value.timeout
  tags             = var.tags

  # Optional cap on parallel monitor ticks (the disabler stays unreserved). -1 is unreserved.
  reserved_concurrent_executions = each.key == "monitor" && var.reserved_concurrency != null ? var.reserved_concurrency : -1

  environment {
    variables = each.value.environment
  }

  # The log group exists (with its retention) before the function can write to it.
  depends_on = [aws_cloudwatch_log_group.this]

  lifecycle {
    precondition {
      condition     = local.jar_hash != null
      error_message = "No jar at ${var.jar_path}: run make build (it writes lambda/target/rmi360-monitor.jar)."
    }
  }
}

resource "aws_cloudwatch_event_rule" "this" {
  name                = var.rule_name
  description         = "RMI 360 base upload monitor schedule; per-project rules ${var.rule_name}-<slug> are created by the agent"
  schedule_expression = var.schedule_expression
  state               = var.rule_enabled ? "ENABLED" : "DISABLED"
  tags                = var.tags

  lifecycle {
    # The agent enables rules and the DisableUploadMonitorRule function disables them at run
    # time; Terraform only sets the initial state and must not flip it back.
    ignore_changes = [state]
  }
}

resource "aws_cloudwatch_event_target" "this" {
  rule      = aws_cloudwatch_event_rule.this.name
  target_id = var.monitor_function_name
  arn       = aws_lambda_function.this["monitor"].arn
  input     = jsonencode(local.rule_input)
}

resource "aws_lambda_permission" "this" {
  statement_id  = "AllowUploadMonitorRules"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["monitor"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = local.rule_arn_pattern
}
