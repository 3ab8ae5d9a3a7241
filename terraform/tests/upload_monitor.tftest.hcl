# The upload monitor module on its own: functions, handlers, runtime, environment, log groups,
# schedule, initial rule state and the permission for per-project rules. Every run has its own
# inputs and state (apply runs: own state_key), so each passes alone and in any order.

mock_provider "aws" {
  source = "./tests/mocks"
}

# The shared mock gives every function the same ARN, so "the rule targets ProgressMonitor" could
# not tell the two functions apart: each function gets its own ARN here (on apply).
override_resource {
  target = aws_lambda_function.this["monitor"]
  values = {
    arn           = "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor"
    qualified_arn = "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor:$LATEST"
  }
}

override_resource {
  target = aws_lambda_function.this["disable"]
  values = {
    arn           = "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"
    qualified_arn = "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule:$LATEST"
  }
}

run "functions_run_java21_with_the_contract_handlers" {
  command   = apply
  state_key = "functions"

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path    = "tests/fixtures/stand-in.jar"
    role_arn    = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
    bucket_name = "rmi360-test-bucket"
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].function_name == "ProgressMonitor" && aws_lambda_function.this["disable"].function_name == "DisableUploadMonitorRule"
    error_message = "Function names must be ProgressMonitor and DisableUploadMonitorRule."
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].handler == "com.rmi360.monitor.ProgressMonitorHandler::handleRequest"
    error_message = "ProgressMonitor must run com.rmi360.monitor.ProgressMonitorHandler::handleRequest."
  }

  assert {
    condition     = aws_lambda_function.this["disable"].handler == "com.rmi360.monitor.DisableRuleHandler::handleRequest"
    error_message = "DisableUploadMonitorRule must run com.rmi360.monitor.DisableRuleHandler::handleRequest."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.runtime == "java21" && f.role == "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"])
    error_message = "Both functions must run java21 with the given role."
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.source_code_hash == filebase64sha256("tests/fixtures/stand-in.jar") && f.filename == "tests/fixtures/stand-in.jar"])
    error_message = "Both functions must deploy the jar with its hash, so a new build redeploys."
  }

  assert {
    condition = aws_lambda_function.this["monitor"].environment[0].variables == tomap({
      STALL_THRESHOLD       = "6"
      DISABLE_FUNCTION_NAME = "DisableUploadMonitorRule"
      RULE_NAME             = "UploadMonitorRule"
      IMAGE_EXTENSIONS      = "jpg,jpeg"
      # Notifications off, page private (tests/alerts.tftest.hcl sets them).
      NOTIFICATION_TOPIC_ARN = ""
      STATUS_PAGE_BASE_URL   = ""
    })
    error_message = "ProgressMonitor's environment must carry the handler settings of the contract."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this["monitor"].name == "/aws/lambda/ProgressMonitor" && aws_cloudwatch_log_group.this["disable"].name == "/aws/lambda/DisableUploadMonitorRule"
    error_message = "Each function must have its log group /aws/lambda/<function>."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.retention_in_days == 30])
    error_message = "Log groups must have the default 30-day retention."
  }
}

run "base_rule_runs_every_five_minutes_with_the_project_input" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path    = "tests/fixtures/stand-in.jar"
    role_arn    = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
    bucket_name = "rmi360-test-bucket"
  }

  assert {
    condition     = aws_cloudwatch_event_rule.this.name == "UploadMonitorRule" && aws_cloudwatch_event_rule.this.schedule_expression == "rate(5 minutes)"
    error_message = "The base rule must be UploadMonitorRule at rate(5 minutes)."
  }

  assert {
    condition     = aws_cloudwatch_event_rule.this.state == "DISABLED"
    error_message = "The base rule must start disabled: the agent enables rules when a project starts."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_target.this.input) == { project_slug = "default", bucket = "rmi360-test-bucket", prefix = "default", expected_total = 0, rule_name = "UploadMonitorRule" }
    error_message = "The target input must carry project_slug, bucket, prefix, expected_total and rule_name."
  }

  assert {
    condition     = aws_cloudwatch_event_target.this.rule == "UploadMonitorRule"
    error_message = "The target must belong to the base rule."
  }
}

run "permission_admits_the_agents_per_project_rules" {
  command   = apply
  state_key = "permission"

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path    = "tests/fixtures/stand-in.jar"
    role_arn    = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
    bucket_name = "rmi360-test-bucket"
  }

  assert {
    condition     = aws_lambda_permission.this.source_arn == "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule*"
    error_message = "The permission must admit UploadMonitorRule and every UploadMonitorRule-<slug>."
  }

  assert {
    condition     = aws_lambda_permission.this.principal == "events.amazonaws.com" && aws_lambda_permission.this.action == "lambda:InvokeFunction" && aws_lambda_permission.this.function_name == "ProgressMonitor"
    error_message = "Only EventBridge may invoke ProgressMonitor through this permission."
  }

  # Guard: the overrides above must keep the two functions' ARNs apart, or the next check is void.
  assert {
    condition     = aws_lambda_function.this["monitor"].arn != aws_lambda_function.this["disable"].arn
    error_message = "Test setup: the mock must give each function its own ARN."
  }

  assert {
    condition     = aws_cloudwatch_event_target.this.arn == aws_lambda_function.this["monitor"].arn && aws_cloudwatch_event_target.this.arn == "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor"
    error_message = "The base rule must target ProgressMonitor (not DisableUploadMonitorRule)."
  }
}

run "settings_reach_the_functions_and_set_a_new_rules_state" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path            = "tests/fixtures/stand-in.jar"
    role_arn            = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
    bucket_name         = "rmi360-test-bucket"
    memory_size         = 1024
    monitor_timeout     = 300
    stall_threshold     = 12
    image_extensions    = ["jpg", "jpeg", "JPG"]
    log_retention_days  = 90
    schedule_expression = "rate(10 minutes)"
    rule_enabled        = true
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].memory_size == 1024 && aws_lambda_function.this["disable"].memory_size == 1024 && aws_lambda_function.this["monitor"].timeout == 300 && aws_lambda_function.this["disable"].timeout == 30
    error_message = "Memory and timeouts must come from the variables."
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].environment[0].variables["STALL_THRESHOLD"] == "12" && aws_lambda_function.this["monitor"].environment[0].variables["IMAGE_EXTENSIONS"] == "jpg,jpeg,JPG"
    error_message = "STALL_THRESHOLD and IMAGE_EXTENSIONS must come from the variables."
  }

  assert {
    condition     = aws_cloudwatch_event_rule.this.schedule_expression == "rate(10 minutes)"
    error_message = "The schedule must come from schedule_expression."
  }

  # rule_enabled sets the state of a rule Terraform creates. That Terraform then leaves an
  # existing rule's state to the agent and the disable function (ignore_changes) needs a rule
  # that already exists: the moto cycle (scripts/tf-moto-cycle.sh) enables the base rule behind
  # Terraform's back and requires a plan without changes.
  assert {
    condition     = aws_cloudwatch_event_rule.this.state == "ENABLED"
    error_message = "rule_enabled = true must create the base rule enabled."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.retention_in_days == 90])
    error_message = "Log retention must come from log_retention_days."
  }
}

run "missing_jar_is_reported_with_the_build_command" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path    = "tests/fixtures/no-such.jar"
    role_arn    = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
    bucket_name = "rmi360-test-bucket"
  }

  expect_failures = [aws_lambda_function.this]
}
