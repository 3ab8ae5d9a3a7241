variable "aws_endpoint_url" {
  description = "URL of the local AWS API (moto_server), e.g. http://127.0.0.1:5000; set with TF_VAR_aws_endpoint_url."
  type        = string

  validation {
    condition     = can(regex("^http://(127\\.0\\.0\\.1|localhost|\\[::1\\]):[0-9]+/?$", var.aws_endpoint_url))
    error_message = "aws_endpoint_url must be a loopback http URL: this configuration never talks to real AWS."
  }
}

variable "lambda_jar_path" {
  description = "Jar to deploy; the cycle uses the stand-in tests/fixtures/stand-in.jar so it does not depend on the Maven build."
  type        = string
}

variable "region" {
  description = "Region the emulated stack pretends to be in."
  type        = string
  default     = "us-east-2"
}

variable "bucket_name" {
  description = "Bucket created in the emulator."
  type        = string
  default     = "rmi360-moto-cycle"
}

variable "manage_bucket_lifecycle" {
  description = "Also create the bucket's lifecycle rule (adds about a minute: the provider waits for S3 propagation)."
  type        = bool
  default     = false
}
