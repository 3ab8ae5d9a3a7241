# Optional guard rails (off by default): a permissions boundary on the deployer user that caps
# the seed's policy (no Lambda code or configuration changes, no iam:PassRole) while the policy
# text stays the seed's, and reserved concurrency for ProgressMonitor. Plans only.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  bucket_name = "rmi360-test-bucket"
}

run "deployer_has_no_boundary_by_default" {
  command = plan

  module {
    source = "./modules/deployer-iam"
  }

  assert {
    condition     = length(aws_iam_policy.boundary) == 0 && aws_iam_user.this[0].permissions_boundary == null && output.boundary_policy_arn == null
    error_message = "The deployer boundary must be off by default."
  }
}

run "deployer_boundary_denies_code_changes_and_pass_role_and_keeps_the_seed_policy" {
  command = plan

  module {
    source = "./modules/deployer-iam"
  }

  variables {
    permissions_boundary = true
  }

  # Its own ARN, so that the user is seen to get the boundary and not the deployer policy.
  override_resource {
    target          = aws_iam_policy.boundary
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/RMI360DeployerAccessBoundary"
    }
  }

  assert {
    condition     = aws_iam_user.this[0].permissions_boundary == "arn:aws:iam::123456789012:policy/RMI360DeployerAccessBoundary" && aws_iam_policy.boundary[0].name == "RMI360DeployerAccessBoundary"
    error_message = "The deployer user must get the boundary policy as its permissions boundary."
  }

  assert {
    condition = jsondecode(aws_iam_policy.boundary[0].policy).Statement == [
      { Sid = "AllowWhatTheIdentityPolicyAllows", Effect = "Allow", Action = "*", Resource = "*" },
      {
        Sid    = "DenyLambdaCodeChangesAndPassRole"
        Effect = "Deny"
        Action = [
          "lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
          "lambda:PublishVersion", "lambda:DeleteFunction", "iam:PassRole",
        ]
        Resource = "*"
      },
    ]
    error_message = "The boundary must allow what the policy allows except Lambda code/configuration changes and iam:PassRole."
  }

  # The seed's policy text is untouched by the guard rail.
  assert {
    condition     = jsondecode(aws_iam_policy.this.policy) == jsondecode(run.deployer_has_no_boundary_by_default.policy_json)
    error_message = "With the boundary on, the deployer policy must stay exactly the seed's."
  }

  assert {
    condition     = output.boundary_policy_json == aws_iam_policy.boundary[0].policy
    error_message = "Output boundary_policy_json must be the boundary the policy resource gets."
  }
}

run "monitor_is_unreserved_by_default" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path = "tests/fixtures/stand-in.jar"
    role_arn = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
  }

  assert {
    condition     = alltrue([for f in aws_lambda_function.this : f.reserved_concurrent_executions == -1])
    error_message = "Neither function may reserve concurrency by default."
  }
}

run "monitor_reserved_concurrency_applies_to_the_monitor_only" {
  command = plan

  module {
    source = "./modules/upload-monitor"
  }

  variables {
    jar_path             = "tests/fixtures/stand-in.jar"
    role_arn             = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
    reserved_concurrency = 2
  }

  assert {
    condition     = aws_lambda_function.this["monitor"].reserved_concurrent_executions == 2 && aws_lambda_function.this["disable"].reserved_concurrent_executions == -1
    error_message = "reserved_concurrency must reserve for ProgressMonitor only."
  }
}

run "root_passes_the_guard_rails_to_the_modules" {
  command = plan

  variables {
    region                        = "us-east-2"
    lambda_jar_path               = "tests/fixtures/stand-in.jar"
    deployer_permissions_boundary = true
    monitor_reserved_concurrency  = 3
  }

  assert {
    condition     = contains(jsondecode(module.deployer_iam.boundary_policy_json).Statement[1].Action, "iam:PassRole")
    error_message = "deployer_permissions_boundary must reach the deployer module."
  }

  assert {
    condition     = module.upload_monitor.monitor_reserved_concurrency == 3
    error_message = "monitor_reserved_concurrency must reach ProgressMonitor."
  }
}

run "root_guard_rails_are_off_by_default" {
  command = plan

  variables {
    region          = "us-east-2"
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  assert {
    condition     = module.deployer_iam.boundary_policy_json == null && module.upload_monitor.monitor_reserved_concurrency == -1
    error_message = "Both guard rails must be off by default."
  }
}

run "reserved_concurrency_must_be_a_positive_whole_number" {
  command = plan

  variables {
    region                       = "us-east-2"
    lambda_jar_path              = "tests/fixtures/stand-in.jar"
    monitor_reserved_concurrency = 0
  }

  expect_failures = [var.monitor_reserved_concurrency]
}
