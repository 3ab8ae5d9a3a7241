/**
 * The Lambda packaging's AWS side, on SDK v2 clients the caller builds (see {@link
 * com.rmi360.monitor.aws.AwsClients}): the disable ports {@link com.rmi360.monitor.aws.LambdaRuleSwitch}
 * and {@link com.rmi360.monitor.aws.EventBridgeRuleSwitch}. The S3 adapters live in monitor-core
 * ({@code com.rmi360.monitor.s3}), which the agent runs too.
 */
package com.rmi360.monitor.aws;
