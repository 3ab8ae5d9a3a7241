# examples/existing-bucket is a test: an existing bucket, private status pages, no user.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "existing_bucket_example_applies_privately_without_a_user" {
  command = apply

  module {
    source = "./examples/existing-bucket"
  }

  variables {
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  assert {
    condition     = output.deployer_user_name == null
    error_message = "The existing-bucket example creates no user."
  }

  assert {
    condition     = [for s in jsondecode(output.bucket_policy_json).Statement : s.Sid] == ["Rmi360DenyInsecureTransport"]
    error_message = "With a private status page the statements to merge only deny non-TLS access (Sid prefixed Rmi360)."
  }

  assert {
    condition     = output.status_website_url == null
    error_message = "No website hosting in the existing-bucket example."
  }
}
