/**
 * AWS adapters for the model's ports, on SDK v2 clients the caller builds (see {@link
 * com.rmi360.monitor.aws.AwsClients}): {@link com.rmi360.monitor.aws.S3ObjectListing},
 * {@link com.rmi360.monitor.aws.S3StatusStore}, {@link com.rmi360.monitor.aws.LambdaRuleSwitch},
 * {@link com.rmi360.monitor.aws.EventBridgeRuleSwitch}.
 */
package com.rmi360.monitor.aws;
