/**
 * The S3 adapters of the model's ports, {@link com.rmi360.monitor.s3.S3ObjectListing} and
 * {@link com.rmi360.monitor.s3.S3StatusStore}, on an {@code S3Client} the caller builds with its own
 * HTTP client (the Lambda jar: url-connection; the agent: its own). The only package of monitor-core
 * that imports the AWS SDK: the Lambdas and the agent both run these adapters.
 */
package com.rmi360.monitor.s3;
