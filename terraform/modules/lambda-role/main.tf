# Execution role of both monitor Lambdas: the seed guide's logging statement (fixed to name the
# functions' log groups) and its LambdaUploadMonitorAccess policy.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition

  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  log_groups = [for name in var.function_names : "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/lambda/${name}"]

  # The seed guide scoped this statement to log-group:/aws/lambda/LambdaProgressMonitorRole*,
  # the role's name, so the functions could not write their logs. Scoped here to the
  # functions' own log groups (the group, and its streams via ":*").
  logging_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "WriteFunctionLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = flatten([for arn in local.log_groups : [arn, "${arn}:*"]])
      },
    ]
  }

  # Same four statements, actions and resources as the seed guide.
  access_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListUploads"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = local.bucket_arn
      },
      {
        Sid      = "ReadWriteStatusFiles"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "${local.bucket_arn}/status/*"
      },
      {
        Sid      = "DisableScheduleRule"
        Effect   = "Allow"
        Action   = "events:DisableRule"
        Resource = "arn:${local.partition}:events:${local.region}:${local.account_id}:rule/${var.rule_name_prefix}*"
      },
      {
        Sid      = "InvokeDisableRuleLambda"
        Effect   = "Allow"
        Action   = "lambda:InvokeFunction"
        Resource = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${var.disable_function_name}"
      },
    ]
  }

  # Kept apart from the seed guide's access policy, whose text stays as the guide wrote it.
  alerts_statements = concat(
    var.send_to_dead_letter_queue ? [{
      Sid      = "SendFailedEventsToDeadLetterQueue"
      Effect   = "Allow"
      Action   = "sqs:SendMessage"
      Resource = var.dead_letter_queue_arn
    }] : [],
    var.publish_notifications ? [{
      Sid      = "PublishFinishNotifications"
      Effect   = "Allow"
      Action   = "sns:Publish"
      Resource = var.notification_topic_arn
    }] : [],
  )
  alerts_policy = {
    Version   = "2012-10-17"
    Statement = local.alerts_statements
  }
  create_alerts_policy = var.send_to_dead_letter_queue || var.publish_notifications

  assume_role_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "sts:AssumeRole"
        Principal = { Service = "lambda.amazonaws.com" }
      },
    ]
  }
}

resource "aws_iam_role" "this" {
  name               = var.role_name
  description        = "Execution role of the RMI 360 upload monitor Lambdas"
  assume_role_policy = jsonencode(local.assume_role_policy)
  tags               = var.tags
}

resource "aws_iam_policy" "logging" {
  name        = var.logging_policy_name
  description = "Write logs of the RMI 360 monitor functions to their own log groups"
  policy      = jsonencode(local.logging_policy)
  tags        = var.tags
}

resource "aws_iam_policy" "access" {
  name        = var.access_policy_name
  description = "List uploads, read/write status files, disable upload monitor rules, invoke ${var.disable_function_name}"
  policy      = jsonencode(local.access_policy)
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "logging" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.logging.arn
}

resource "aws_iam_role_policy_attachment" "access" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.access.arn
}

resource "aws_iam_policy" "alerts" {
  count = local.create_alerts_policy ? 1 : 0

  name        = var.alerts_policy_name
  description = "Send failed events of the RMI 360 monitor functions to their dead-letter queue; publish finish notifications"
  policy      = jsonencode(local.alerts_policy)
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "alerts" {
  count = local.create_alerts_policy ? 1 : 0

  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.alerts[0].arn
}
