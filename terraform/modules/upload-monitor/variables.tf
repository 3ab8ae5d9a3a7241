################################################################################
# Code and execution role
################################################################################

variable "jar_path" {
  description = "Path of the shaded jar holding both handlers (lambda/target/rmi360-monitor.jar)."
  type        = string

  validation {
    condition     = endswith(var.jar_path, ".jar") || endswith(var.jar_path, ".zip")
    error_message = "jar_path must name a .jar (or .zip) file."
  }
}

variable "role_arn" {
  description = "ARN of the execution role both functions run with."
  type        = string
}

################################################################################
# Functions
################################################################################

variable "monitor_function_name" {
  description = "Name of the progress monitor function."
  type        = string
  default     = "ProgressMonitor"
}

variable "disable_function_name" {
  description = "Name of the function that disables a finished project's rule."
  type        = string
  default     = "DisableUploadMonitorRule"
}

variable "memory_size" {
  description = "Memory of each function in MB."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240
    error_message = "memory_size must be between 128 and 10240 MB."
  }
}

variable "monitor_timeout" {
  description = "Timeout of the progress monitor in seconds."
  type        = number
  default     = 120

  validation {
    condition     = var.monitor_timeout >= 1 && var.monitor_timeout <= 900
    error_message = "monitor_timeout must be between 1 and 900 seconds."
  }
}

variable "disable_timeout" {
  description = "Timeout of the rule-disabling function in seconds."
  type        = number
  default     = 30

  validation {
    condition     = var.disable_timeout >= 1 && var.disable_timeout <= 900
    error_message = "disable_timeout must be between 1 and 900 seconds."
  }
}

variable "stall_threshold" {
  description = "Runs without a new image before a project is marked Failed (STALL_THRESHOLD)."
  type        = number
  default     = 6

  validation {
    condition     = var.stall_threshold >= 1 && var.stall_threshold <= 1000 && floor(var.stall_threshold) == var.stall_threshold
    error_message = "stall_threshold must be a whole number between 1 and 1000."
  }
}

variable "image_extensions" {
  description = "File extensions counted as images (IMAGE_EXTENSIONS), without dots."
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

variable "rule_name" {
  description = "Name of the base rule; also the prefix of the per-project rules the agent creates (<rule_name>-<slug>)."
  type        = string
  default     = "UploadMonitorRule"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,17}$", var.rule_name))
    error_message = "rule_name must be 1-17 characters from A-Z a-z 0-9 . _ - (a 46-character slug must still fit EventBridge's 64)."
  }
}

variable "schedule_expression" {
  description = "How often the monitor runs, as an EventBridge schedule expression."
  type        = string
  default     = "rate(5 minutes)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(N unit) or cron(...)."
  }
}

variable "rule_enabled" {
  description = "Initial state of the base rule. Later changes by the agent or the disable function are not reverted."
  type        = bool
  default     = false
}

variable "base_rule_project" {
  description = "Project the base rule's target input names (the agent's per-project rules carry their own input)."
  type = object({
    slug           = string
    prefix         = string
    expected_total = number
  })
  default = {
    slug           = "default"
    prefix         = "default"
    expected_total = 0
  }

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,46}$", var.base_rule_project.slug)) && var.base_rule_project.expected_total >= 0
    error_message = "base_rule_project.slug must be 1-46 characters from A-Z a-z 0-9 _ -, and expected_total must not be negative."
  }
}

variable "bucket_name" {
  description = "Bucket the monitor reads uploads from and writes status files to (part of the rule's input)."
  type        = string
}

################################################################################
# Guard rail (issue 13)
################################################################################

variable "reserved_concurrency" {
  description = "Reserved concurrency of the monitor function. Null: unreserved."
  type        = number
  default     = null

  validation {
    condition     = var.reserved_concurrency == null || try(var.reserved_concurrency >= 1 && floor(var.reserved_concurrency) == var.reserved_concurrency, false)
    error_message = "reserved_concurrency must be null or a whole number of at least 1."
  }
}

################################################################################
# Failure handling and notifications
################################################################################

variable "monitor_max_event_age_seconds" {
  description = "How long Lambda keeps retrying a failed ProgressMonitor event before it goes to the dead-letter queue (the next scheduled tick supersedes it anyway)."
  type        = number
  default     = 900

  validation {
    condition     = var.monitor_max_event_age_seconds >= 60 && var.monitor_max_event_age_seconds <= 21600
    error_message = "monitor_max_event_age_seconds must be between 60 and 21600 (6 hours)."
  }
}

variable "disable_max_event_age_seconds" {
  description = "How long Lambda keeps retrying a failed disable request before it goes to the dead-letter queue."
  type        = number
  default     = 21600

  validation {
    condition     = var.disable_max_event_age_seconds >= 60 && var.disable_max_event_age_seconds <= 21600
    error_message = "disable_max_event_age_seconds must be between 60 and 21600 (6 hours)."
  }
}

variable "max_retry_attempts" {
  description = "Retries of a failed asynchronous invocation of either function (Lambda allows 0-2)."
  type        = number
  default     = 2

  validation {
    condition     = contains([0, 1, 2], var.max_retry_attempts)
    error_message = "max_retry_attempts must be 0, 1 or 2."
  }
}

variable "dead_letter_queue_name" {
  description = "Name of the SQS queue that receives events both functions failed on (after the retries)."
  type        = string
  default     = "UploadMonitorFailedEvents"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,80}$", var.dead_letter_queue_name))
    error_message = "dead_letter_queue_name must be 1-80 characters from A-Z a-z 0-9 _ -."
  }
}

variable "dead_letter_retention_days" {
  description = "How long a failed event stays in the dead-letter queue, in days (SQS allows 1-14)."
  type        = number
  default     = 14

  validation {
    condition     = var.dead_letter_retention_days >= 1 && var.dead_letter_retention_days <= 14 && floor(var.dead_letter_retention_days) == var.dead_letter_retention_days
    error_message = "dead_letter_retention_days must be a whole number from 1 to 14."
  }
}

variable "notification_emails" {
  description = "E-mail addresses told when a project becomes Complete or Failed (each confirms a subscription mail first). With no notification_topic_arn, a topic is created for them."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.notification_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "notification_emails must be e-mail addresses."
  }
}

variable "notification_topic_arn" {
  description = "An existing SNS topic to publish to instead of creating one (notification_emails are then subscribed to it). Null: a topic only if notification_emails is set."
  type        = string
  default     = null

  validation {
    condition     = var.notification_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.notification_topic_arn))
    error_message = "notification_topic_arn must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)."
  }
}

variable "notification_topic_name" {
  description = "Name of the topic created for notification_emails."
  type        = string
  default     = "rmi360-upload-notifications"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.notification_topic_name))
    error_message = "notification_topic_name must be 1-256 characters from A-Z a-z 0-9 _ -."
  }
}

variable "status_page_base_url" {
  description = "Public address the status pages are served under (ending in /), put in the notifications (STATUS_PAGE_BASE_URL). Null for a private page: the message then says how to get a private link."
  type        = string
  default     = null
}

################################################################################
# Tags
################################################################################

variable "tags" {
  description = "Tags for the functions, log groups and rule."
  type        = map(string)
  default     = {}
}
