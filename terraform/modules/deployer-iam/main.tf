# The deployer identity used by the agent on upload workstations: the seed guide's custom
# policy, statement for statement, with ARNs built from the caller's account and region.
# No access key is created here (no secret in state): see docs/deploy.md.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  lambda_arn = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function"

  # Same five statements, actions and resources as the seed guide (shared/seed): a single
  # action or resource stays a string where the guide writes a string.
  policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "S3Upload"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:GetObject", "s3:ListBucket"]
        Resource = [local.bucket_arn, "${local.bucket_arn}/*"]
      },
      {
        Sid    = "LambdaDeploy"
        Effect = "Allow"
        Action = [
          "lambda:CreateFunction",
          "lambda:GetFunction",
          "lambda:UpdateFunctionCode",
          "lambda:AddPermission",
        ]
        Resource = [
          "${local.lambda_arn}:${var.monitor_function_name}",
          "${local.lambda_arn}:${var.disable_function_name}",
        ]
      },
      {
        Sid      = "ScheduleRule"
        Effect   = "Allow"
        Action   = ["events:PutRule", "events:PutTargets"]
        Resource = "arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${var.rule_name_prefix}*"
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
        Resource = "arn:${local.partition}:iam::${local.account_id}:role/${var.lambda_role_name}"
      },
    ]
  }
}

# Optional guard rail once Terraform deploys the functions: a permissions boundary on the user.
# The deployer policy above stays the seed's text; the boundary caps it, so the agent's key can
# no longer change the functions' code or configuration, nor pass any role. Everything else
# the policy grants stays allowed (a boundary grants nothing by itself).
locals {
  boundary_denied_actions = [
    "lambda:CreateFunction",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:PublishVersion",
    "lambda:DeleteFunction",
    "iam:PassRole",
  ]

  boundary = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowWhatTheIdentityPolicyAllows"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Sid      = "DenyLambdaCodeChangesAndPassRole"
        Effect   = "Deny"
        Action   = local.boundary_denied_actions
        Resource = "*"
      },
    ]
  }
}

resource "aws_iam_policy" "boundary" {
  count = var.permissions_boundary ? 1 : 0

  name        = "${var.policy_name}Boundary"
  description = "RMI 360 deployer boundary: no Lambda code changes, no iam:PassRole (functions deployed by Terraform)"
  policy      = jsonencode(local.boundary)
  tags        = var.tags
}

resource "aws_iam_policy" "this" {
  name        = var.policy_name
  description = "RMI 360 deployer: upload to ${var.bucket_name}, start upload monitors (seed guide policy)"
  policy      = jsonencode(local.policy)
  tags        = var.tags
}

resource "aws_iam_user" "this" {
  count = var.create_user ? 1 : 0

  name                 = var.user_name
  permissions_boundary = var.permissions_boundary ? aws_iam_policy.boundary[0].arn : null
  tags                 = var.tags
}

resource "aws_iam_user_policy_attachment" "this" {
  count = var.create_user ? 1 : 0

  user       = aws_iam_user.this[0].name
  policy_arn = aws_iam_policy.this.arn
}
