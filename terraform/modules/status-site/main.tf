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

  # TLS is required for everything. The S3 website endpoint speaks plain HTTP only, so when
  # website hosting serves public pages, anonymous reads of exactly those objects are exempt.
  # Statements are kept as JSON strings so that lists of differently shaped statements share a type.
  deny_insecure = local.http_reads_allow ? [
    jsonencode({
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      NotAction = "s3:GetObject"
      Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }),
    jsonencode({
      Sid         = "DenyInsecureReadsOfPrivateObjects"
      Effect      = "Deny"
      Principal   = "*"
      Action      = "s3:GetObject"
      NotResource = local.public_arns
      Condition   = { Bool = { "aws:SecureTransport" = "false" } }
    }),
    ] : [
    jsonencode({
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.bucket_arn, "${local.bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }),
  ]

  public_reads = concat(
    local.public ? [jsonencode({
      Sid       = "PublicReadStatusPages"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = local.status_arn
    })] : [],
    local.public && length(local.image_arns) > 0 ? [jsonencode({
      Sid       = "PublicReadImages"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = local.image_arns
    })] : [],
  )

  bucket_policy = {
    Version   = "2012-10-17"
    Statement = [for s in concat(local.deny_insecure, local.public_reads) : jsondecode(s)]
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

resource "aws_s3_bucket_public_access_block" "this" {
  count = var.manage_public_access_block ? 1 : 0

  bucket = local.bucket

  # ACLs never make anything public; a bucket policy may, and only when the status page is
  # public (that policy grants reads of status/* and the listed image prefixes, nothing else).
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = !local.public
  restrict_public_buckets = !local.public
}

resource "aws_s3_bucket_policy" "this" {
  count = var.manage_bucket_policy ? 1 : 0

  bucket = local.bucket
  policy = jsonencode(local.bucket_policy)

  # A public policy is rejected while the public access block still blocks it.
  depends_on = [aws_s3_bucket_public_access_block.this]
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
