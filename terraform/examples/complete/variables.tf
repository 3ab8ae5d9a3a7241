variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-2"
}

variable "bucket_name" {
  description = "Name of the bucket to create (globally unique)."
  type        = string
  default     = "rmi360-example-complete"
}

variable "lambda_jar_path" {
  description = "Monitor jar; null uses lambda/target/rmi360-monitor.jar (make build)."
  type        = string
  default     = null
}
