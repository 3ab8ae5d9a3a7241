# examples/complete is a test: it plans and applies (against the mock provider) with every
# option switched on.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "complete_example_applies_with_every_option" {
  command = apply

  module {
    source = "./examples/complete"
  }

  variables {
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  # The shared mock gives both functions the same ARN: give each its own, so the ARN output is
  # checked against the right function.
  override_resource {
    target = module.rmi360.module.upload_monitor.aws_lambda_function.this["monitor"]
    values = {
      arn = "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor"
    }
  }

  override_resource {
    target = module.rmi360.module.upload_monitor.aws_lambda_function.this["disable"]
    values = {
      arn = "arn:aws:lambda:us-east-2:123456789012:function:DisableUploadMonitorRule"
    }
  }

  assert {
    condition     = output.monitor_function_arn == "arn:aws:lambda:us-east-2:123456789012:function:ProgressMonitor"
    error_message = "Output monitor_function_arn must be ProgressMonitor's ARN."
  }

  assert {
    condition     = output.status_page_url == "https://rmi360-example-complete.s3.us-east-2.amazonaws.com/status/status.html"
    error_message = "The status page URL must be the HTTPS URL of status/status.html."
  }

  assert {
    condition     = startswith(output.status_website_url, "http://") && endswith(output.status_website_url, "/status/")
    error_message = "Website hosting must be on in the complete example."
  }

  assert {
    condition     = output.deployer_user_name == "project-deployer"
    error_message = "The complete example creates the deployer user."
  }

  assert {
    condition = [for s in jsondecode(output.bucket_policy_json).Statement : s.Sid] == [
      "DenyInsecureTransport", "DenyInsecureReadsOfPrivateObjects", "PublicReadStatusPages", "PublicReadImages",
    ]
    error_message = "A public site with website hosting needs the TLS deny pair and the two public reads."
  }
}
