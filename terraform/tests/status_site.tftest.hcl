# The status site module on its own: public access only for status/* (and listed image
# prefixes) when asked, TLS always required, lifecycle rule for incomplete multipart uploads.
# Plan runs start from no state; the one apply run keeps its own state_key, so no run sees
# another run's resources.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  bucket_name = "rmi360-test-bucket"
}

run "private_by_default_blocks_public_access_and_denies_plain_http" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  assert {
    condition = (aws_s3_bucket_public_access_block.this[0].block_public_acls && aws_s3_bucket_public_access_block.this[0].ignore_public_acls
    && aws_s3_bucket_public_access_block.this[0].block_public_policy && aws_s3_bucket_public_access_block.this[0].restrict_public_buckets)
    error_message = "With public_status_page = false every public access block setting must stay on."
  }

  assert {
    condition = jsondecode(aws_s3_bucket_policy.this[0].policy).Statement == [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::rmi360-test-bucket", "arn:aws:s3:::rmi360-test-bucket/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
    error_message = "A private bucket's policy must only deny non-TLS access."
  }

  # The root and the examples check output bucket_policy_json: it must be the applied policy.
  assert {
    condition     = output.bucket_policy_json == aws_s3_bucket_policy.this[0].policy
    error_message = "Output bucket_policy_json must be the policy the bucket gets."
  }

  assert {
    condition     = aws_s3_bucket.this[0].bucket == "rmi360-test-bucket" && aws_s3_bucket_ownership_controls.this[0].rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "A created bucket must have ACLs disabled."
  }

  assert {
    condition     = output.status_page_url == "https://rmi360-test-bucket.s3.us-east-2.amazonaws.com/status/status.html" && output.website_url == null
    error_message = "The status page URL must be the HTTPS REST URL, and no website without enable_website."
  }
}

run "public_status_page_opens_status_pages_only" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    public_status_page = true
  }

  assert {
    condition = (aws_s3_bucket_public_access_block.this[0].block_public_acls && aws_s3_bucket_public_access_block.this[0].ignore_public_acls
    && !aws_s3_bucket_public_access_block.this[0].block_public_policy && !aws_s3_bucket_public_access_block.this[0].restrict_public_buckets)
    error_message = "Only the policy-related public access block settings may be relaxed; ACLs stay blocked."
  }

  assert {
    condition = [for s in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : s if s.Effect == "Allow"] == [
      {
        Sid       = "PublicReadStatusPages"
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::rmi360-test-bucket/status/*"
      },
    ]
    error_message = "The only public grant must be s3:GetObject on status/*."
  }

  assert {
    condition     = contains([for s in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : s.Sid], "DenyInsecureTransport")
    error_message = "Non-TLS access must still be denied."
  }
}

run "images_are_public_only_for_listed_prefixes_of_a_public_site" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    public_status_page    = true
    public_image_prefixes = ["ABC25101/", "DEF26001"]
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : s.Resource if s.Sid == "PublicReadImages"]) == ["arn:aws:s3:::rmi360-test-bucket/ABC25101/*", "arn:aws:s3:::rmi360-test-bucket/DEF26001/*"]
    error_message = "Public image reads must cover exactly the listed prefixes."
  }
}

run "image_prefixes_stay_private_without_a_public_status_page" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    public_status_page    = false
    public_image_prefixes = ["ABC25101/"]
  }

  assert {
    condition     = length([for s in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : s if s.Effect == "Allow"]) == 0
    error_message = "public_status_page = false must keep everything private."
  }
}

run "website_exempts_only_public_reads_from_tls" {
  command   = apply
  state_key = "website"

  module {
    source = "./modules/status-site"
  }

  variables {
    public_status_page = true
    enable_website     = true
  }

  assert {
    condition = [for s in jsondecode(aws_s3_bucket_policy.this[0].policy).Statement : s if s.Effect == "Deny"] == [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        NotAction = "s3:GetObject"
        Resource  = ["arn:aws:s3:::rmi360-test-bucket", "arn:aws:s3:::rmi360-test-bucket/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid         = "DenyInsecureReadsOfPrivateObjects"
        Effect      = "Deny"
        Principal   = "*"
        Action      = "s3:GetObject"
        NotResource = ["arn:aws:s3:::rmi360-test-bucket/status/*"]
        Condition   = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
    error_message = "With website hosting only anonymous reads of status/* may use plain HTTP."
  }

  assert {
    condition     = output.bucket_policy_json == aws_s3_bucket_policy.this[0].policy
    error_message = "Output bucket_policy_json must be the policy the bucket gets."
  }

  assert {
    condition     = aws_s3_bucket_website_configuration.this[0].index_document[0].suffix == "status.html"
    error_message = "The website index document must be status.html."
  }

  assert {
    condition     = output.website_url == "http://rmi360-test-bucket.s3-website.us-east-2.amazonaws.com/status/"
    error_message = "website_url must point at the status folder on the website endpoint."
  }
}

run "created_bucket_aborts_incomplete_multipart_uploads_after_one_day" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.this[0].rule[0].abort_incomplete_multipart_upload[0].days_after_initiation == 1 && aws_s3_bucket_lifecycle_configuration.this[0].rule[0].status == "Enabled"
    error_message = "A created bucket must abort incomplete multipart uploads after 1 day."
  }
}

run "existing_bucket_is_left_as_it_was_by_default" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    create_bucket = false
  }

  assert {
    condition     = length(aws_s3_bucket.this) == 0 && length(aws_s3_bucket_lifecycle_configuration.this) == 0
    error_message = "An existing bucket must not be created, nor its lifecycle replaced by default."
  }

  assert {
    condition = (length(aws_s3_bucket_policy.this) + length(aws_s3_bucket_policy.existing) == 0
      && length(aws_s3_bucket_public_access_block.this) + length(aws_s3_bucket_public_access_block.existing) == 0
    && length(data.aws_s3_bucket_policy.existing) == 0)
    error_message = "By default an existing bucket's policy and public access block are neither read nor managed."
  }

  # What to merge by hand: our statements, prefixed so they never collide with the owner's.
  assert {
    condition     = [for s in jsondecode(output.bucket_policy_json).Statement : s.Sid] == ["Rmi360DenyInsecureTransport"]
    error_message = "On an existing bucket the status statements must carry the Rmi360 Sid prefix."
  }
}

run "existing_bucket_policy_is_merged_into_the_owners_policy" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    create_bucket        = false
    manage_bucket_policy = true
    public_status_page   = true
  }

  # The bucket's current policy: two statements of its owner (one with a Sid we use on buckets
  # we create) and one of ours from an earlier apply, with an outdated resource.
  override_data {
    target = data.aws_s3_bucket_policy.existing
    values = {
      policy = <<-JSON
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "OwnerReadOnly", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/Auditor"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::rmi360-test-bucket/*"},
          {"Sid": "Rmi360PublicReadStatusPages", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::rmi360-test-bucket/old/*"},
          {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::rmi360-test-bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        ]}
      JSON
    }
  }

  assert {
    condition     = length(aws_s3_bucket_policy.this) == 0 && length(aws_s3_bucket_policy.existing) == 1
    error_message = "On an existing bucket the policy must be the merging, destroy-proof resource."
  }

  assert {
    condition = [for s in jsondecode(aws_s3_bucket_policy.existing[0].policy).Statement : s.Sid] == [
      "OwnerReadOnly", "DenyInsecureTransport", "Rmi360DenyInsecureTransport", "Rmi360PublicReadStatusPages",
    ]
    error_message = "The owner's statements must be kept (in order) and ours added once, replacing our earlier ones."
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.existing[0].policy).Statement : s.Principal if s.Sid == "OwnerReadOnly"]) == { AWS = "arn:aws:iam::123456789012:role/Auditor" }
    error_message = "The owner's statements must be kept unchanged."
  }

  assert {
    condition     = one([for s in jsondecode(aws_s3_bucket_policy.existing[0].policy).Statement : s.Resource if s.Sid == "Rmi360PublicReadStatusPages"]) == "arn:aws:s3:::rmi360-test-bucket/status/*"
    error_message = "Our statement from an earlier apply must be replaced by the current one."
  }

  assert {
    condition     = output.bucket_policy_json == aws_s3_bucket_policy.existing[0].policy
    error_message = "Output bucket_policy_json must be the merged policy the bucket gets."
  }

  assert {
    condition     = length(aws_s3_bucket_public_access_block.this) + length(aws_s3_bucket_public_access_block.existing) == 0
    error_message = "Asking for the policy must not take over the existing bucket's access block."
  }
}

run "existing_bucket_policy_with_one_statement_object_is_merged" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    create_bucket        = false
    manage_bucket_policy = true
  }

  override_data {
    target = data.aws_s3_bucket_policy.existing
    values = {
      policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Only\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteBucket\",\"Resource\":\"arn:aws:s3:::rmi360-test-bucket\"}}"
    }
  }

  assert {
    condition     = [for s in jsondecode(aws_s3_bucket_policy.existing[0].policy).Statement : s.Sid] == ["Only", "Rmi360DenyInsecureTransport"]
    error_message = "A policy whose Statement is a single object must be merged like a list of one."
  }
}

run "existing_bucket_without_a_policy_is_not_read_when_merge_is_off" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    create_bucket              = false
    manage_bucket_policy       = true
    merge_existing_policy      = false
    manage_public_access_block = true
  }

  assert {
    condition     = length(data.aws_s3_bucket_policy.existing) == 0 && [for s in jsondecode(aws_s3_bucket_policy.existing[0].policy).Statement : s.Sid] == ["Rmi360DenyInsecureTransport"]
    error_message = "merge_existing_policy = false must not read the bucket's policy and write only ours."
  }

  assert {
    condition = (length(aws_s3_bucket_public_access_block.this) == 0 && aws_s3_bucket_public_access_block.existing[0].bucket == "rmi360-test-bucket"
    && aws_s3_bucket_public_access_block.existing[0].block_public_policy)
    error_message = "manage_public_access_block = true on an existing bucket must use the destroy-proof access block."
  }
}

run "existing_bucket_lifecycle_can_be_opted_in" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    create_bucket    = false
    manage_lifecycle = true
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.this[0].bucket == "rmi360-test-bucket"
    error_message = "manage_lifecycle = true must add the lifecycle rule to an existing bucket."
  }
}

run "dotted_bucket_names_get_a_path_style_url" {
  command = plan

  module {
    source = "./modules/status-site"
  }

  variables {
    bucket_name = "status.example.com"
  }

  assert {
    condition     = output.status_page_url == "https://s3.us-east-2.amazonaws.com/status.example.com/status/status.html"
    error_message = "A dotted bucket name must use the path-style HTTPS URL."
  }
}
