# Inputs are validated before anything reaches AWS, and the provider's region must be var.region.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  region          = "us-east-2"
  bucket_name     = "rmi360-test-bucket"
  lambda_jar_path = "tests/fixtures/stand-in.jar"
}

run "defaults_plan_cleanly" {
  command = plan

  # The shared mock gives both functions the same ARN: give each its own, known at plan, so the
  # ARN outputs are checked against the right function.
  override_resource {
    target          = module.upload_monitor.aws_lambda_function.this["monitor"]
    override_during = plan
    values = {
      arn = "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor"
    }
  }

  override_resource {
    target          = module.upload_monitor.aws_lambda_function.this["disable"]
    override_during = plan
    values = {
      arn = "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"
    }
  }

  assert {
    condition     = output.region == "us-east-2" && output.bucket_name == "rmi360-test-bucket"
    error_message = "The default plan must deploy to var.region and use var.bucket_name."
  }

  assert {
    condition     = output.monitor_function_name == "ProgressMonitor" && output.disable_function_name == "DisableUploadMonitorRule" && output.monitor_rule_name == "UploadMonitorRule"
    error_message = "The functions and the base rule must keep the seed guide's names."
  }

  assert {
    condition     = output.monitor_function_arn == "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor" && output.disable_function_arn == "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"
    error_message = "monitor_function_arn and disable_function_arn must name their own functions."
  }

  assert {
    condition     = output.monitor_rule_arn_pattern == "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule*"
    error_message = "The permission must admit the base rule and the agent's per-project rules."
  }

  assert {
    condition     = output.deployer_user_name == "project-deployer"
    error_message = "By default the deployer user project-deployer is created."
  }

  assert {
    condition     = output.status_website_url == null && output.status_page_url == "https://rmi360-test-bucket.s3.us-east-2.amazonaws.com/status/status.html"
    error_message = "By default there is no website hosting; the status page has its HTTPS URL."
  }

  assert {
    condition     = [for s in jsondecode(output.bucket_policy_json).Statement : s.Sid] == ["DenyInsecureTransport"]
    error_message = "By default nothing is public: the bucket policy only denies non-TLS access."
  }

  # Not visible from the root module's outputs, checked here as defaults; the module runs in
  # upload_monitor.tftest.hcl and status_site.tftest.hcl check what these settings plan.
  assert {
    condition     = !var.base_rule_enabled && !var.public_status_page && !var.enable_website && var.create_bucket && !var.force_destroy_bucket
    error_message = "Defaults: base rule disabled, nothing public, no website, bucket created, no force_destroy."
  }
}

run "invalid_bucket_name_is_rejected" {
  command = plan

  variables {
    bucket_name = "Not_A_Bucket"
  }

  expect_failures = [var.bucket_name]
}

run "invalid_region_is_rejected" {
  command = plan

  variables {
    region = "Ohio"
  }

  expect_failures = [var.region]
}

run "provider_in_another_region_stops_the_plan" {
  command = plan

  variables {
    region = "eu-west-1"
  }

  expect_failures = [output.region]
}

run "log_retention_must_be_a_cloudwatch_value" {
  command = plan

  variables {
    log_retention_days = 10
  }

  expect_failures = [var.log_retention_days]
}

run "schedule_must_be_rate_or_cron" {
  command = plan

  variables {
    schedule_expression = "every 5 minutes"
  }

  expect_failures = [var.schedule_expression]
}

run "stall_threshold_must_be_a_positive_whole_number" {
  command = plan

  variables {
    stall_threshold = 0
  }

  expect_failures = [var.stall_threshold]
}

run "jar_path_must_name_a_jar" {
  command = plan

  variables {
    lambda_jar_path = "lambda/target/classes"
  }

  expect_failures = [var.lambda_jar_path]
}
