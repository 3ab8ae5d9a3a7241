################################################################################
# Where
################################################################################

variable "region" {
  description = "AWS region to deploy to. The provider must use the same region (make plan/deploy export AWS_REGION from this value); plan stops on a mismatch."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$", var.region))
    error_message = "region must be an AWS region name such as us-east-2."
  }
}

variable "bucket_name" {
  description = "S3 bucket for the images and status pages."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !strcontains(var.bucket_name, "..")
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 characters from a-z 0-9 . -, starting and ending with a letter or digit."
  }
}

variable "create_bucket" {
  description = "Create the bucket. False uses an existing bucket of that name."
  type        = bool
  default     = true
}

variable "force_destroy_bucket" {
  description = "Let `make destroy` delete the bucket created here even when it still holds images (irreversible)."
  type        = bool
  default     = false
}

################################################################################
# Deployer identity (the agent's credentials)
################################################################################

variable "create_deployer_user" {
  description = "Create the IAM user for the agent. The deployer policy is created either way (attach it elsewhere when false)."
  type        = bool
  default     = true
}

variable "deployer_user_name" {
  description = "Name of the agent's IAM user."
  type        = string
  default     = "project-deployer"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.deployer_user_name))
    error_message = "deployer_user_name must be 1-64 characters from A-Z a-z 0-9 + = , . @ _ -."
  }
}

################################################################################
# Monitor functions
################################################################################

variable "lambda_jar_path" {
  description = "Path of the monitor jar. Null means lambda/target/rmi360-monitor.jar of this repository (make build)."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_jar_path == null || can(regex("\\.(jar|zip)$", var.lambda_jar_path))
    error_message = "lambda_jar_path must name a .jar (or .zip) file."
  }
}

variable "lambda_memory_size" {
  description = "Memory of each monitor function in MB."
  type        = number
  default     = 512

  validation {
    condition     = var.lambda_memory_size >= 128 && var.lambda_memory_size <= 10240
    error_message = "lambda_memory_size must be between 128 and 10240 MB."
  }
}

variable "monitor_timeout" {
  description = "Timeout of ProgressMonitor in seconds."
  type        = number
  default     = 120

  validation {
    condition     = var.monitor_timeout >= 1 && var.monitor_timeout <= 900
    error_message = "monitor_timeout must be between 1 and 900 seconds."
  }
}

variable "disable_timeout" {
  description = "Timeout of DisableUploadMonitorRule in seconds."
  type        = number
  default     = 30

  validation {
    condition     = var.disable_timeout >= 1 && var.disable_timeout <= 900
    error_message = "disable_timeout must be between 1 and 900 seconds."
  }
}

variable "stall_threshold" {
  description = "Monitor runs without a new image before a project is marked Failed (6 runs = 30 minutes at the default schedule)."
  type        = number
  default     = 6

  validation {
    condition     = var.stall_threshold >= 1 && var.stall_threshold <= 1000 && floor(var.stall_threshold) == var.stall_threshold
    error_message = "stall_threshold must be a whole number between 1 and 1000."
  }
}

variable "image_extensions" {
  description = "File extensions the monitor counts as images, without dots."
  type        = list(string)
  default     = ["jpg", "jpeg"]

  validation {
    condition     = length(var.image_extensions) > 0 && alltrue([for e in var.image_extensions : can(regex("^[A-Za-z0-9]+$", e))])
    error_message = "image_extensions must be a non-empty list of extensions without dots, e.g. [\"jpg\", \"jpeg\"]."
  }
}

variable "log_retention_days" {
  description = "Retention of the functions' log groups in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

################################################################################
# Schedule
################################################################################

variable "schedule_expression" {
  description = "How often the monitor runs, for the base rule (the agent's per-project rules set their own)."
  type        = string
  default     = "rate(5 minutes)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(N unit) or cron(...)."
  }
}

variable "base_rule_enabled" {
  description = "Initial state of the base rule UploadMonitorRule. Later changes by the agent or DisableUploadMonitorRule are left alone."
  type        = bool
  default     = false
}

################################################################################
# Status site
################################################################################

variable "public_status_page" {
  description = "Make the status pages (status/*) publicly readable. False keeps everything private."
  type        = bool
  default     = false
}

variable "public_image_prefixes" {
  description = "Project folders whose images become publicly readable too (only with public_status_page). Empty keeps images private."
  type        = list(string)
  default     = []
}

variable "enable_website" {
  description = "Turn on S3 static website hosting for the status pages (HTTP only; see modules/status-site/README.md)."
  type        = bool
  default     = false
}

variable "manage_bucket_policy" {
  description = "Manage the bucket policy. Null (default): only on a bucket created here. True on an existing bucket merges the status statements (Sids Rmi360*) into its current policy; destroy leaves that policy alone."
  type        = bool
  default     = null
}

variable "manage_public_access_block" {
  description = "Manage the bucket's public access block. Null (default): only on a bucket created here; destroy never deletes an existing bucket's block."
  type        = bool
  default     = null
}

variable "manage_bucket_lifecycle" {
  description = "Manage the bucket's lifecycle rules (abort incomplete multipart uploads). Null: only for a bucket created here, since it replaces existing rules."
  type        = bool
  default     = null
}

variable "abort_incomplete_multipart_days" {
  description = "Days after which incomplete multipart uploads are aborted."
  type        = number
  default     = 1
}

################################################################################
# Existing buckets and guard rails (issue 13: deploy what was reviewed)
################################################################################

variable "merge_existing_bucket_policy" {
  description = "With manage_bucket_policy = true on an existing bucket: read its policy and keep its statements. Set false only when the bucket has no policy yet (the provider cannot read a missing one)."
  type        = bool
  default     = true
}

variable "deployer_permissions_boundary" {
  description = "Attach a permissions boundary to the deployer user that denies Lambda code and configuration changes and iam:PassRole (the deployer policy itself stays the seed's). Turn on once Terraform deploys the functions."
  type        = bool
  default     = false
}

variable "monitor_reserved_concurrency" {
  description = "Reserved concurrency of ProgressMonitor (caps parallel ticks and keeps that much of the account's pool for it). Null (default): unreserved."
  type        = number
  default     = null

  validation {
    condition     = var.monitor_reserved_concurrency == null || try(var.monitor_reserved_concurrency >= 1 && var.monitor_reserved_concurrency <= 1000 && floor(var.monitor_reserved_concurrency) == var.monitor_reserved_concurrency, false)
    error_message = "monitor_reserved_concurrency must be null or a whole number between 1 and 1000."
  }
}

################################################################################
# Failure handling and notifications
################################################################################

variable "monitor_max_event_age_seconds" {
  description = "How long Lambda keeps retrying a failed ProgressMonitor event before it goes to the dead-letter queue."
  type        = number
  default     = 900
}

variable "disable_max_event_age_seconds" {
  description = "How long Lambda keeps retrying a failed disable request before it goes to the dead-letter queue (at most 21600, 6 hours)."
  type        = number
  default     = 21600
}

variable "max_retry_attempts" {
  description = "Retries of a failed asynchronous invocation of either function (0-2)."
  type        = number
  default     = 2
}

variable "dead_letter_retention_days" {
  description = "How long a failed event stays in the dead-letter queue UploadMonitorFailedEvents, in days (1-14)."
  type        = number
  default     = 14
}

variable "notification_emails" {
  description = "E-mail addresses told when a project becomes Complete or Failed (each must confirm AWS's subscription mail). With no notification_topic_arn, a topic is created for them. Empty: no notifications."
  type        = list(string)
  default     = []
}

variable "notification_topic_arn" {
  description = "An existing SNS topic to publish to instead of creating one (e.g. one with chat or SMS subscribers); notification_emails are subscribed to it too."
  type        = string
  default     = null
}

################################################################################
# Tags
################################################################################

variable "tags" {
  description = "Tags added to every resource that takes tags (Project = rmi360 is always set)."
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
