# Upload settings (issue 15) on the status site module: Transfer Acceleration and the image
# lifecycle transition are off by default, and each variable turns on exactly its resource.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  bucket_name = "rmi360-test-bucket"
}

run "acceleration_and_transition_are_off_by_default" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  assert {
    condition     = length(aws_s3_bucket_accelerate_configuration.this) == 0
    error_message = "Transfer Acceleration must stay off unless enable_acceleration is true."
  }

  assert {
    condition     = [for r in aws_s3_bucket_lifecycle_configuration.this[0].rule : r.id] == ["abort-incomplete-multipart-uploads"]
    error_message = "By default the lifecycle holds only the multipart abort rule (no image transition)."
  }
}

run "enable_acceleration_sets_the_bucket_accelerate_configuration" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    enable_acceleration = true
  }

  assert {
    condition     = aws_s3_bucket_accelerate_configuration.this[0].status == "Enabled" && aws_s3_bucket_accelerate_configuration.this[0].bucket == "rmi360-test-bucket"
    error_message = "enable_acceleration must set the bucket's accelerate configuration to Enabled."
  }
}

run "image_transition_moves_large_objects_only" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    image_transition_days = 30
    image_storage_class   = "GLACIER_IR"
  }

  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.this[0].rule) == 2
    error_message = "image_transition_days must add one rule next to the multipart abort rule."
  }

  assert {
    condition = [for t in one([for r in aws_s3_bucket_lifecycle_configuration.this[0].rule : r if r.id == "images-to-glacier_ir"]).transition :
    [t.days, t.storage_class]] == [[30, "GLACIER_IR"]]
    error_message = "The image rule must move objects to image_storage_class after image_transition_days."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.this[0].rule : r if r.id == "images-to-glacier_ir"]).filter[0].object_size_greater_than == 131072
    error_message = "Only objects above 128 KiB (images) may move: the status files stay STANDARD."
  }
}

run "root_passes_the_settings_through" {
  command = plan

  variables {
    region              = "us-east-2"
    lambda_jar_path     = "tests/fixtures/stand-in.jar"
    enable_acceleration = true
  }

  assert {
    condition     = output.transfer_acceleration
    error_message = "The root variable enable_acceleration must reach the status site module."
  }
}

run "root_keeps_acceleration_off_by_default" {
  command = plan

  variables {
    region          = "us-east-2"
    lambda_jar_path = "tests/fixtures/stand-in.jar"
  }

  assert {
    condition     = !output.transfer_acceleration
    error_message = "Transfer Acceleration must be off unless enable_acceleration is true."
  }
}

run "bad_storage_class_is_rejected" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    image_transition_days = 30
    image_storage_class   = "STANDARD"
  }

  expect_failures = [var.image_storage_class]
}
