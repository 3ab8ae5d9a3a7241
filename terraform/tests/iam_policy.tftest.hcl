# IAM as in the seed guide (shared/seed): every statement's Sid, actions and resources, with the
# guide's placeholders filled from the mocked account (123456789012) and region (us-east-2).

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  region          = "us-east-2"
  bucket_name     = "rmi360-test-bucket"
  lambda_jar_path = "tests/fixtures/stand-in.jar"
}

run "deployer_policy_matches_seed_guide" {
  command = plan

  assert {
    condition = jsondecode(module.deployer_iam.policy_json) == {
      Version = "2012-10-17"
      Statement = [
        {
          Sid      = "S3Upload"
          Effect   = "Allow"
          Action   = ["s3:PutObject", "s3:GetObject", "s3:ListBucket"]
          Resource = ["arn:aws:s3:::rmi360-test-bucket", "arn:aws:s3:::rmi360-test-bucket/*"]
        },
        {
          Sid      = "LambdaDeploy"
          Effect   = "Allow"
          Action   = ["lambda:CreateFunction", "lambda:GetFunction", "lambda:UpdateFunctionCode", "lambda:AddPermission"]
          Resource = ["arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor", "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"]
        },
        {
          Sid      = "ScheduleRule"
          Effect   = "Allow"
          Action   = ["events:PutRule", "events:PutTargets"]
          Resource = "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule*"
        },
        {
          Sid      = "AllowSTS"
          Effect   = "Allow"
          Action   = "sts:GetCallerIdentity"
          Resource = "*"
        },
        {
          Sid      = "PassLambdaExecutionRole"
          Effect   = "Allow"
          Action   = "iam:PassRole"
          Resource = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
        },
      ]
    }
    error_message = "The deployer policy differs from the seed guide's five statements."
  }
}

run "deployer_policy_is_applied_to_user_project_deployer" {
  command = apply

  assert {
    condition     = module.deployer_iam.user_name == "project-deployer"
    error_message = "The deployer user must be project-deployer."
  }

  assert {
    condition     = output.deployer_policy_arn == "arn:aws:iam::123456789012:policy/mock-policy"
    error_message = "Output deployer_policy_arn must be the policy's ARN."
  }
}

run "deployer_user_is_optional_but_policy_is_not" {
  command = plan

  variables {
    create_deployer_user = false
  }

  assert {
    condition     = output.deployer_user_name == null
    error_message = "No user may be created when create_deployer_user is false."
  }

  assert {
    condition     = length(jsondecode(module.deployer_iam.policy_json).Statement) == 5
    error_message = "The deployer policy must exist without the user."
  }
}

run "lambda_access_policy_matches_seed_guide" {
  command = plan

  assert {
    condition = jsondecode(module.lambda_role.access_policy_json) == {
      Version = "2012-10-17"
      Statement = [
        {
          Sid      = "ListUploads"
          Effect   = "Allow"
          Action   = ["s3:ListBucket"]
          Resource = "arn:aws:s3:::rmi360-test-bucket"
        },
        {
          Sid      = "ReadWriteStatusFiles"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject"]
          Resource = "arn:aws:s3:::rmi360-test-bucket/status/*"
        },
        {
          Sid      = "DisableScheduleRule"
          Effect   = "Allow"
          Action   = "events:DisableRule"
          Resource = "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule*"
        },
        {
          Sid      = "InvokeDisableRuleLambda"
          Effect   = "Allow"
          Action   = "lambda:InvokeFunction"
          Resource = "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"
        },
      ]
    }
    error_message = "LambdaUploadMonitorAccess differs from the seed guide's four statements."
  }
}

run "lambda_logging_policy_names_the_functions_log_groups_not_the_role" {
  command = plan

  assert {
    condition = jsondecode(module.lambda_role.logging_policy_json).Statement == [
      {
        Sid    = "WriteFunctionLogs"
        Effect = "Allow"
        Action = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = [
          "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/ProgressMonitor",
          "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/ProgressMonitor:*",
          "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/DisableUploadMonitorRule",
          "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/DisableUploadMonitorRule:*",
        ]
      },
    ]
    error_message = "The logging statement must keep the seed's actions and name both functions' log groups."
  }

  assert {
    condition     = !strcontains(module.lambda_role.logging_policy_json, "LambdaProgressMonitorRole")
    error_message = "The seed guide's bug (log group named after the role) must not come back."
  }
}

run "lambda_role_is_named_as_in_seed_guide_and_trusted_by_lambda_only" {
  command = plan

  assert {
    condition     = module.lambda_role.role_name == "LambdaProgressMonitorRole"
    error_message = "The execution role must be LambdaProgressMonitorRole."
  }

  assert {
    condition = jsondecode(module.lambda_role.assume_role_policy_json).Statement == [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } },
    ]
    error_message = "Only the Lambda service may assume the execution role."
  }
}
