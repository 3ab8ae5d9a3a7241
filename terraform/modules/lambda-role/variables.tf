################################################################################
# Role and policy names
################################################################################

variable "role_name" {
  description = "Name of the Lambda execution role."
  type        = string
  default     = "LambdaProgressMonitorRole"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters from A-Z a-z 0-9 + = , . @ _ -."
  }
}

variable "logging_policy_name" {
  description = "Name of the policy letting the functions write to their log groups (the seed guide's basic execution statement)."
  type        = string
  default     = "LambdaProgressMonitorLogging"
}

variable "access_policy_name" {
  description = "Name of the seed guide's custom policy for the functions."
  type        = string
  default     = "LambdaUploadMonitorAccess"
}

################################################################################
# What the role grants access to
################################################################################

variable "bucket_name" {
  description = "Bucket holding the uploads and the status/ files."
  type        = string
}

variable "function_names" {
  description = "Names of the functions that run with this role; their log groups /aws/lambda/<name> become writable."
  type        = list(string)
  default     = ["ProgressMonitor", "DisableUploadMonitorRule"]

  validation {
    condition     = length(var.function_names) > 0
    error_message = "function_names must name at least one function."
  }
}

variable "disable_function_name" {
  description = "Name of the function the monitor invokes to disable a finished project's rule."
  type        = string
  default     = "DisableUploadMonitorRule"
}

variable "rule_name_prefix" {
  description = "Prefix of the EventBridge rules the functions may disable."
  type        = string
  default     = "UploadMonitorRule"
}

################################################################################
# Failure handling and notifications
################################################################################

variable "dead_letter_queue_arn" {
  description = "SQS queue the functions' failed asynchronous events go to (on-failure destination); the role may send to it. Null: no such statement."
  type        = string
  default     = null
}

variable "send_to_dead_letter_queue" {
  description = "Grant sqs:SendMessage on dead_letter_queue_arn (a plan-time switch, since the queue's ARN may not be known yet)."
  type        = bool
  default     = false
}

variable "notification_topic_arn" {
  description = "SNS topic the monitor publishes finish notifications to; the role may publish to it and to nothing else."
  type        = string
  default     = null
}

variable "publish_notifications" {
  description = "Grant sns:Publish on notification_topic_arn (a plan-time switch, since the topic's ARN may not be known yet)."
  type        = bool
  default     = false
}

variable "alerts_policy_name" {
  description = "Name of the policy holding the dead-letter and notification statements."
  type        = string
  default     = "LambdaUploadMonitorAlerts"
}

################################################################################
# Tags
################################################################################

variable "tags" {
  description = "Tags for the role and policies."
  type        = map(string)
  default     = {}
}
