variable "region" {
  description = "AWS region of the existing bucket."
  type        = string
  default     = "us-east-2"
}

variable "bucket_name" {
  description = "Name of the existing bucket."
  type        = string
  default     = "rmi360-existing-images"
}

variable "manage_bucket_lifecycle" {
  description = "Replace the bucket's lifecycle rules with the abort-incomplete-multipart-uploads rule."
  type        = bool
  default     = false
}

variable "lambda_jar_path" {
  description = "Monitor jar; null uses lambda/target/rmi360-monitor.jar (make build)."
  type        = string
  default     = null
}
