################################################################################
# Bucket
################################################################################

variable "bucket_name" {
  description = "Name of the bucket for images and status pages (created when create_bucket is true, otherwise it must exist)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "..")
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 characters from a-z 0-9 . -, starting and ending with a letter or digit."
  }
}

variable "create_bucket" {
  description = "Create the bucket (with ACLs disabled and default encryption). False uses an existing bucket."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete a bucket this module created even when it holds objects."
  type        = bool
  default     = false
}

################################################################################
# Who may read what
################################################################################

variable "public_status_page" {
  description = "Make the status pages (status/*) publicly readable. False keeps everything in the bucket private."
  type        = bool
  default     = false
}

variable "public_image_prefixes" {
  description = "Key prefixes (project folders) whose images are publicly readable too; only with public_status_page. Empty keeps images private."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.public_image_prefixes : can(regex("^[A-Za-z0-9_.-][A-Za-z0-9_./-]*$", p)) && trimsuffix(p, "/") != "status" && !startswith(p, "status/")])
    error_message = "public_image_prefixes must be key prefixes such as \"ABC25101/\": no leading slash, no wildcards, not status/."
  }
}

variable "enable_website" {
  description = "Turn on S3 static website hosting (index document status.html). The website endpoint is HTTP only; see README."
  type        = bool
  default     = false
}

variable "manage_bucket_policy" {
  description = "Manage the bucket policy. Null (default): only on a bucket created here. True on an existing bucket merges our statements (Sids Rmi360*) into its policy; destroy then leaves the policy alone."
  type        = bool
  default     = null
}

variable "merge_existing_policy" {
  description = "With manage_bucket_policy on an existing bucket: read its policy and keep its statements. Set false only for a bucket that has no policy yet (the provider cannot read a missing one)."
  type        = bool
  default     = true
}

variable "manage_public_access_block" {
  description = "Manage the bucket's public access block (relaxed only as far as a public status page needs). Null (default): only on a bucket created here; destroy never deletes an existing bucket's block."
  type        = bool
  default     = null
}

################################################################################
# Lifecycle
################################################################################

variable "manage_lifecycle" {
  description = "Manage the bucket's lifecycle configuration (abort incomplete multipart uploads). It replaces any existing lifecycle rules, so the default (null) means: only for a bucket this module creates."
  type        = bool
  default     = null
}

variable "abort_incomplete_multipart_days" {
  description = "Days after which incomplete multipart uploads are aborted and their parts deleted."
  type        = number
  default     = 1

  validation {
    condition     = var.abort_incomplete_multipart_days >= 1 && floor(var.abort_incomplete_multipart_days) == var.abort_incomplete_multipart_days
    error_message = "abort_incomplete_multipart_days must be a whole number of at least 1."
  }
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}

################################################################################
# Upload settings (issue 15): Transfer Acceleration, image storage class
################################################################################

variable "enable_acceleration" {
  description = "Turn on S3 Transfer Acceleration on the bucket (needed by the agent's --accelerate / aws.use_acceleration; billed per GB accelerated)."
  type        = bool
  default     = false
}

variable "image_transition_days" {
  description = "Days after upload when images (objects above 128 KiB; status files stay STANDARD) move to image_storage_class. Null: no transition. Needs manage_lifecycle."
  type        = number
  default     = null

  validation {
    condition     = var.image_transition_days == null || try(var.image_transition_days >= 0 && floor(var.image_transition_days) == var.image_transition_days, false)
    error_message = "image_transition_days must be a whole number of days (0 or more), or null."
  }
}

variable "image_storage_class" {
  description = "Storage class images move to after image_transition_days: STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER or DEEP_ARCHIVE."
  type        = string
  default     = "STANDARD_IA"

  validation {
    condition     = contains(["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], var.image_storage_class)
    error_message = "image_storage_class must be one of STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE."
  }
}
