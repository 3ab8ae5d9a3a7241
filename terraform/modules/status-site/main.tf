# The bucket side of the system: optionally the bucket itself, its public access block and
# bucket policy (status pages public only when asked, TLS required), optional website hosting,
# and a lifecycle rule that aborts incomplete multipart uploads.

data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  bucket     = var.create_bucket ? aws_s3_bucket.this[0].bucket : var.bucket_name
  bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${local.bucket}"
  region     = data.aws_region.current.name

  public           = var.public_status_page
  status_arn       = "${local.bucket_arn}/status/*"
  image_arns       = [for p in var.public_image_prefixes : "${local.bucket_arn}/${trimsuffix(p, "/")}/*"]
  public_arns      = local.public ? concat([local.status_arn], local.image_arns) : []
  http_reads_allow = local.public && var.enable_website
  manage_lifecycle = coalesce(var.manage_lifecycle, var.create_bucket)

  # Policy and access block: by default only on a bucket created here. On an existing bucket
  # they are managed only when asked, and then by the *_existing resources below, which merge
  # into the bucket's policy and refuse to be destroyed (make destroy forgets them instead).
  manage_policy = coalesce(var.manage_bucket_policy, var.create_bucket)
  manage_pab    = coalesce(var.manage_public_access_block, var.create_bucket)
  merge_policy  = local.manage_policy && !var.create_bucket && var.merge_existing_policy

  # On an existing bucket our statements carry an Rmi360 prefix, so that they are told apart
  # from the owner's (an owner's own "DenyInsecureTransport" is kept, never overwritten).
  sid_prefix = var.create_bucket ? "" : "Rmi360"

  # TLS is required for everything. The S3 website endpoint speaks plain HTTP only, so when
  # website hosting serves public pages, anonymous reads of exactly those objects are exempt.
  # Statements are kept as JSON strings so that lists of differently shaped statements share a type.
  deny_insecure = local.http_reads_allow ? [
    jsonencode({
      Sid       = "${local.sid_prefix}DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      NotAction = "s3:GetObject"
      Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }),
    jsonencode({
      Sid         = "${local.sid_prefix}DenyInsecureReadsOfPrivateObjects"
      Effect      = "Deny"
      Principal   = "*"
      Action      = "s3:GetObject"
      NotResource = local.public_arns
      Condition   = { Bool = { "aws:SecureTransport" = "false" } }
    }),
    ] : [
    jsonencode({
      Sid       = "${local.sid_prefix}DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }),
  ]

  public_reads = concat(
    local.public ? [jsonencode({
      Sid       = "${local.sid_prefix}PublicReadStatusPages"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = local.status_arn
    })] : [],
    local.public && length(local.image_arns) > 0 ? [jsonencode({
      Sid       = "${local.sid_prefix}PublicReadImages"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = local.image_arns
    })] : [],
  )

  own_statements = concat(local.deny_insecure, local.public_reads)
  own_sids = [for s in ["DenyInsecureTransport", "DenyInsecureReadsOfPrivateObjects", "PublicReadStatusPages", "PublicReadImages"] :
  "${local.sid_prefix}${s}"]

  # The existing bucket's statements, minus ours from an earlier apply (a policy's Statement
  # may be one object instead of a list).
  existing_policy     = jsondecode(local.merge_policy ? data.aws_s3_bucket_policy.existing[0].policy : "{\"Statement\":[]}")
  existing_statements = tolist(can(local.existing_policy.Statement.Effect) ? [jsonencode(local.existing_policy.Statement)] : [for s in local.existing_policy.Statement : jsonencode(s)])
  foreign_statements  = [for s in local.existing_statements : s if !contains(local.own_sids, try(jsondecode(s).Sid, ""))]

  bucket_policy = {
    Version   = "2012-10-17"
    Statement = [for s in concat(local.foreign_statements, local.own_statements) : jsondecode(s)]
  }

  # Path-style for bucket names with dots (their virtual-host name breaks the TLS certificate).
  status_page_url = (strcontains(local.bucket, ".")
    ? "https://s3.${local.region}.amazonaws.com/${local.bucket}/status/status.html"
  : "https://${local.bucket}.s3.${local.region}.amazonaws.com/status/status.html")
}

resource "aws_s3_bucket" "this" {
  count = var.create_bucket ? 1 : 0

  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_ownership_controls" "this" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count = var.create_bucket ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# The bucket's current policy, read only when our statements are merged into an existing
# bucket's policy. (The provider's data source fails on a bucket without any policy: set
# merge_existing_policy = false there.)
data "aws_s3_bucket_policy" "existing" {
  count = local.merge_policy ? 1 : 0

  bucket = var.bucket_name
}

locals {
  # ACLs never make anything public; a bucket policy may, and only when the status page is
  # public (that policy grants reads of status/* and the listed image prefixes, nothing else).
  public_access_block = {
    block_public_acls       = true
    ignore_public_acls      = true
    block_public_policy     = !local.public
    restrict_public_buckets = !local.public
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  count = local.manage_pab && var.create_bucket ? 1 : 0

  bucket = local.bucket

  block_public_acls       = local.public_access_block.block_public_acls
  ignore_public_acls      = local.public_access_block.ignore_public_acls
  block_public_policy     = local.public_access_block.block_public_policy
  restrict_public_buckets = local.public_access_block.restrict_public_buckets
}

# An existing bucket's access block, managed only when asked. Destroying it would delete an
# access block Terraform did not create, so destroy refuses; make destroy removes it from the
# state first and leaves it on the bucket (docs/deploy.md, Teardown).
resource "aws_s3_bucket_public_access_block" "existing" {
  count = local.manage_pab && !var.create_bucket ? 1 : 0

  bucket = local.bucket

  block_public_acls       = local.public_access_block.block_public_acls
  ignore_public_acls      = local.public_access_block.ignore_public_acls
  block_public_policy     = local.public_access_block.block_public_policy
  restrict_public_buckets = local.public_access_block.restrict_public_buckets

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_policy" "this" {
  count = local.manage_policy && var.create_bucket ? 1 : 0

  bucket = local.bucket
  policy = jsonencode(local.bucket_policy)

  # A public policy is rejected while the public access block still blocks it.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

# An existing bucket's policy, managed only when asked: its own statements plus ours. Destroy
# refuses (it would delete the owner's statements too); make destroy forgets it instead.
resource "aws_s3_bucket_policy" "existing" {
  count = local.manage_policy && !var.create_bucket ? 1 : 0

  bucket = local.bucket
  policy = jsonencode(local.bucket_policy)

  depends_on = [aws_s3_bucket_public_access_block.existing]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_website_configuration" "this" {
  count = var.enable_website ? 1 : 0

  bucket = local.bucket

  index_document {
    suffix = "status.html"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count = local.manage_lifecycle ? 1 : 0

  bucket = local.bucket

  # The deployer policy (seed guide) has no s3:AbortMultipartUpload, so parts of an upload the
  # agent gives up on stay billed until this rule removes them.
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_incomplete_multipart_days
    }
  }
  # Optional: images move to a cheaper class after N days. Objects above 128 KiB only, so the
  # status files (a few KiB, rewritten every 5 minutes) stay STANDARD.
  dynamic "rule" {
    for_each = var.image_transition_days == null ? [] : [var.image_transition_days]
    content {
      id     = "images-to-${lower(var.image_storage_class)}"
      status = "Enabled"

      filter {
        object_size_greater_than = 131072
      }

      transition {
        days          = rule.value
        storage_class = var.image_storage_class
      }
    }
  }
}


################################################################################
# Upload settings (issue 15): Transfer Acceleration, image storage class
################################################################################

resource "aws_s3_bucket_accelerate_configuration" "this" {
  count = var.enable_acceleration ? 1 : 0

  bucket = local.bucket
  status = "Enabled"
}

check "image_transition_needs_lifecycle" {
  assert {
    condition     = var.image_transition_days == null || local.manage_lifecycle
    error_message = "image_transition_days is set but the bucket's lifecycle is not managed here (manage_lifecycle): no transition is applied."
  }
}
