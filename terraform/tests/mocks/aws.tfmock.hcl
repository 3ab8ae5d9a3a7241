# Shared mock values for `mock_provider "aws" { source = "./tests/mocks" }`: a fixed account and
# region for ARN assertions, and valid ARNs for every ARN-typed computed attribute (the
# provider validates ARNs passed on, e.g. a function's role). Every instance of a type gets the
# same defaults: a test that must tell two functions or policies apart by ARN gives each its own
# with override_resource (see upload_monitor.tftest.hcl, iam_policy.tftest.hcl).

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
    arn        = "arn:aws:iam::123456789012:user/terraform"
    user_id    = "AIDAMOCKMOCKMOCKMOCK"
  }
}

mock_data "aws_region" {
  defaults = {
    name        = "us-east-2"
    description = "US East (Ohio)"
    endpoint    = "ec2.us-east-2.amazonaws.com"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition          = "aws"
    dns_suffix         = "amazonaws.com"
    reverse_dns_prefix = "com.amazonaws"
  }
}

mock_resource "aws_iam_policy" {
  defaults = {
    arn = "arn:aws:iam::123456789012:policy/mock-policy"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/LambdaProgressMonitorRole"
  }
}

mock_resource "aws_iam_user" {
  defaults = {
    arn = "arn:aws:iam::123456789012:user/project-deployer"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn                  = "arn:aws:lambda:us-east-2:123456789012:function:mock-function"
    qualified_arn        = "arn:aws:lambda:us-east-2:123456789012:function:mock-function:$LATEST"
    invoke_arn           = "arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:mock-function/invocations"
    qualified_invoke_arn = "arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:mock-function:$LATEST/invocations"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = {
    arn = "arn:aws:events:us-east-2:123456789012:rule/UploadMonitorRule"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:us-east-2:123456789012:log-group:/aws/lambda/mock"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::rmi360-test-bucket"
  }
}

mock_resource "aws_s3_bucket_website_configuration" {
  defaults = {
    website_endpoint = "rmi360-test-bucket.s3-website.us-east-2.amazonaws.com"
    website_domain   = "s3-website.us-east-2.amazonaws.com"
  }
}

# An existing bucket's policy, read only when statements are merged into it: empty by default.
mock_data "aws_s3_bucket_policy" {
  defaults = {
    policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:us-east-2:123456789012:UploadMonitorFailedEvents"
    url = "https://sqs.us-east-2.amazonaws.com/123456789012/UploadMonitorFailedEvents"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:us-east-2:123456789012:rmi360-upload-notifications"
  }
}

mock_resource "aws_sns_topic_subscription" {
  defaults = {
    arn = "arn:aws:sns:us-east-2:123456789012:rmi360-upload-notifications:0b7c6a1e-0000-4000-8000-000000000000"
  }
}
