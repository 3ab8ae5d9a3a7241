################################################################################
# Deployer identity
################################################################################

variable "create_user" {
  description = "Create the IAM user and attach the policy. When false only the policy is created (attach it to a group, role or SSO permission set yourself)."
  type        = bool
  default     = true
}

variable "user_name" {
  description = "Name of the IAM user the agent runs as."
  type        = string
  default     = "project-deployer"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.user_name))
    error_message = "user_name must be 1-64 characters from A-Z a-z 0-9 + = , . @ _ -."
  }
}

variable "policy_name" {
  description = "Name of the customer-managed policy holding the seed guide's deployer statements."
  type        = string
  default     = "RMI360DeployerAccess"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,128}$", var.policy_name))
    error_message = "policy_name must be 1-128 characters from A-Z a-z 0-9 + = , . @ _ -."
  }
}

################################################################################
# What the policy grants access to
################################################################################

variable "bucket_name" {
  description = "Bucket the agent uploads images and status files to."
  type        = string
}

variable "monitor_function_name" {
  description = "Name of the progress monitor Lambda function."
  type        = string
  default     = "ProgressMonitor"
}

variable "disable_function_name" {
  description = "Name of the Lambda function that disables a finished project's rule."
  type        = string
  default     = "DisableUploadMonitorRule"
}

variable "rule_name_prefix" {
  description = "Prefix of the EventBridge rules the agent may put (the base rule and every per-project UploadMonitorRule-<slug>)."
  type        = string
  default     = "UploadMonitorRule"
}

variable "lambda_role_name" {
  description = "Name of the Lambda execution role the deployer may pass."
  type        = string
  default     = "LambdaProgressMonitorRole"
}

################################################################################
# Guard rail (issue 13)
################################################################################

variable "permissions_boundary" {
  description = "Create a permissions boundary policy (<policy_name>Boundary) denying Lambda code and configuration changes and iam:PassRole, and set it on the user. For when Terraform deploys the functions."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for the policy and user."
  type        = map(string)
  default     = {}
}
