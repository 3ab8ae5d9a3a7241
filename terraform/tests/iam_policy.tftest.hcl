# IAM as in the seed guide (shared/seed): every statement's Sid, actions and resources, with the
# guide's placeholders filled from the mocked account (123456789012) and region (us-east-2).
#
# The documents are read from the resources themselves (aws_iam_policy.*.policy,
# aws_iam_role.this.assume_role_policy), not from outputs that re-encode the modules' locals:
# child-module resources cannot be addressed from a run of the root module, so these runs plan
# the modules on their own, with the arguments the root module (main.tf) passes them. Every run
# is a plan with its own inputs, so each passes alone and in any order.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "deployer_policy_matches_seed_guide" {
  command = plan

  module {
    source = "./modules/deployer-iam"
  }

  # As main.tf passes them.
  variables {
    bucket_name           = "rmi360-test-bucket"
    monitor_function_name = "ProgressMonitor"
    disable_function_name = "DisableUploadMonitorRule"
    rule_name_prefix      = "UploadMonitorRule"
    lambda_role_name      = "LambdaProgressMonitorRole"
  }

  assert {
    condition = jsondecode(aws_iam_policy.this.policy) == {
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

  assert {
    condition     = aws_iam_policy.this.name == "RMI360DeployerAccess"
    error_message = "The deployer policy must be RMI360DeployerAccess."
  }

  assert {
    condition     = output.policy_json == aws_iam_policy.this.policy
    error_message = "Output policy_json must be the policy the deployer policy resource gets."
  }
}

run "deployer_policy_is_attached_to_user_project_deployer" {
  command = plan

  module {
    source = "./modules/deployer-iam"
  }

  variables {
    bucket_name = "rmi360-test-bucket"
  }

  # A distinct, known-at-plan ARN, so the attachment's policy_arn is checked against this policy.
  override_resource {
    target          = aws_iam_policy.this
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/RMI360DeployerAccess"
    }
  }

  assert {
    condition     = aws_iam_user.this[0].name == "project-deployer" && output.user_name == "project-deployer"
    error_message = "The deployer user must be project-deployer."
  }

  assert {
    condition     = aws_iam_user_policy_attachment.this[0].user == "project-deployer" && aws_iam_user_policy_attachment.this[0].policy_arn == "arn:aws:iam::123456789012:policy/RMI360DeployerAccess"
    error_message = "The deployer policy must be attached to project-deployer."
  }

  assert {
    condition     = output.policy_arn == "arn:aws:iam::123456789012:policy/RMI360DeployerAccess"
    error_message = "Output policy_arn must be the deployer policy's ARN."
  }
}

run "deployer_user_is_optional_but_policy_is_not" {
  command = plan

  module {
    source = "./modules/deployer-iam"
  }

  variables {
    bucket_name = "rmi360-test-bucket"
    create_user = false
  }

  assert {
    condition     = length(aws_iam_user.this) == 0 && length(aws_iam_user_policy_attachment.this) == 0 && output.user_name == null
    error_message = "No user (nor attachment) may be created when create_user is false."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_policy.this.policy).Statement : s.Sid] == ["S3Upload", "LambdaDeploy", "ScheduleRule", "AllowSTS", "PassLambdaExecutionRole"]
    error_message = "The deployer policy must exist, with its five statements, without the user."
  }
}

run "root_outputs_name_the_deployer_policy_and_user" {
  command = plan

  variables {
    region          = "us-east-2"
    bucket_name     = "rmi360-test-bucket"
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  # The shared mock gives every policy the same ARN: tell the deployer policy from the role's two.
  override_resource {
    target          = module.deployer_iam.aws_iam_policy.this
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/RMI360DeployerAccess"
    }
  }

  override_resource {
    target          = module.lambda_role.aws_iam_policy.access
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/LambdaUploadMonitorAccess"
    }
  }

  override_resource {
    target          = module.lambda_role.aws_iam_policy.logging
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/LambdaProgressMonitorLogging"
    }
  }

  assert {
    condition     = output.deployer_policy_arn == "arn:aws:iam::123456789012:policy/RMI360DeployerAccess"
    error_message = "Output deployer_policy_arn must be the deployer policy's ARN."
  }

  assert {
    condition     = output.deployer_user_name == "project-deployer"
    error_message = "The root module must create the deployer user project-deployer."
  }
}

# The module runs in this file plan the modules with main.tf's arguments copied in; this run
# checks that main.tf really passes them. It reads the modules' *_json outputs, which the module
# runs prove equal to the resources' own policy arguments.
run "root_module_passes_the_seed_names_to_the_iam_modules" {
  command = plan

  variables {
    region          = "us-east-2"
    bucket_name     = "rmi360-test-bucket"
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  assert {
    condition = [for s in jsondecode(module.deployer_iam.policy_json).Statement : s.Resource] == [
      ["arn:aws:s3:::rmi360-test-bucket", "arn:aws:s3:::rmi360-test-bucket/*"],
      ["arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor", "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"],
      "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule*",
      "*",
      "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole",
    ]
    error_message = "The root module must give the deployer policy the bucket, function, rule and role names of the stack."
  }

  assert {
    condition = [for s in jsondecode(module.lambda_role.access_policy_json).Statement : s.Resource] == [
      "arn:aws:s3:::rmi360-test-bucket",
      "arn:aws:s3:::rmi360-test-bucket/status/*",
      "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule*",
      "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule",
    ]
    error_message = "The root module must give LambdaUploadMonitorAccess the bucket, rule and disable function names of the stack."
  }

  assert {
    condition = one(jsondecode(module.lambda_role.logging_policy_json).Statement).Resource == [
      "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/ProgressMonitor",
      "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/ProgressMonitor:*",
      "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/DisableUploadMonitorRule",
      "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/DisableUploadMonitorRule:*",
    ]
    error_message = "The root module must give the logging policy both functions' names."
  }

  assert {
    condition     = module.lambda_role.role_name == "LambdaProgressMonitorRole"
    error_message = "The root module must name the execution role LambdaProgressMonitorRole."
  }
}

run "lambda_access_policy_matches_seed_guide" {
  command = plan

  module {
    source = "./modules/lambda-role"
  }

  # As main.tf passes them.
  variables {
    role_name             = "LambdaProgressMonitorRole"
    bucket_name           = "rmi360-test-bucket"
    function_names        = ["ProgressMonitor", "DisableUploadMonitorRule"]
    disable_function_name = "DisableUploadMonitorRule"
    rule_name_prefix      = "UploadMonitorRule"
  }

  assert {
    condition = jsondecode(aws_iam_policy.access.policy) == {
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

  assert {
    condition     = aws_iam_policy.access.name == "LambdaUploadMonitorAccess"
    error_message = "The access policy must be LambdaUploadMonitorAccess."
  }

  assert {
    condition     = output.access_policy_json == aws_iam_policy.access.policy
    error_message = "Output access_policy_json must be the policy LambdaUploadMonitorAccess gets."
  }
}

run "lambda_logging_policy_names_the_functions_log_groups_not_the_role" {
  command = plan

  module {
    source = "./modules/lambda-role"
  }

  # As main.tf passes them.
  variables {
    role_name             = "LambdaProgressMonitorRole"
    bucket_name           = "rmi360-test-bucket"
    function_names        = ["ProgressMonitor", "DisableUploadMonitorRule"]
    disable_function_name = "DisableUploadMonitorRule"
    rule_name_prefix      = "UploadMonitorRule"
  }

  assert {
    condition = jsondecode(aws_iam_policy.logging.policy).Statement == [
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
    condition     = !strcontains(aws_iam_policy.logging.policy, "LambdaProgressMonitorRole")
    error_message = "The seed guide's bug (log group named after the role) must not come back."
  }

  assert {
    condition     = output.logging_policy_json == aws_iam_policy.logging.policy
    error_message = "Output logging_policy_json must be the policy the logging policy resource gets."
  }
}

run "lambda_role_is_named_as_in_seed_guide_and_trusted_by_lambda_only" {
  command = plan

  module {
    source = "./modules/lambda-role"
  }

  # As main.tf passes them.
  variables {
    role_name             = "LambdaProgressMonitorRole"
    bucket_name           = "rmi360-test-bucket"
    function_names        = ["ProgressMonitor", "DisableUploadMonitorRule"]
    disable_function_name = "DisableUploadMonitorRule"
    rule_name_prefix      = "UploadMonitorRule"
  }

  assert {
    condition     = aws_iam_role.this.name == "LambdaProgressMonitorRole"
    error_message = "The execution role must be LambdaProgressMonitorRole."
  }

  assert {
    condition = jsondecode(aws_iam_role.this.assume_role_policy).Statement == [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } },
    ]
    error_message = "Only the Lambda service may assume the execution role."
  }

  assert {
    condition     = output.assume_role_policy_json == aws_iam_role.this.assume_role_policy
    error_message = "Output assume_role_policy_json must be the role's trust policy."
  }
}

run "lambda_role_gets_both_policies_attached" {
  command = plan

  module {
    source = "./modules/lambda-role"
  }

  variables {
    bucket_name = "rmi360-test-bucket"
  }

  # The shared mock gives every policy the same ARN: give each its own, known at plan.
  override_resource {
    target          = aws_iam_policy.access
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/LambdaUploadMonitorAccess"
    }
  }

  override_resource {
    target          = aws_iam_policy.logging
    override_during = plan
    values = {
      arn = "arn:aws:iam::123456789012:policy/LambdaProgressMonitorLogging"
    }
  }

  assert {
    condition     = aws_iam_role_policy_attachment.access.role == "LambdaProgressMonitorRole" && aws_iam_role_policy_attachment.access.policy_arn == "arn:aws:iam::123456789012:policy/LambdaUploadMonitorAccess"
    error_message = "LambdaUploadMonitorAccess must be attached to the execution role."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.logging.role == "LambdaProgressMonitorRole" && aws_iam_role_policy_attachment.logging.policy_arn == "arn:aws:iam::123456789012:policy/LambdaProgressMonitorLogging"
    error_message = "The logging policy must be attached to the execution role."
  }
}
