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
