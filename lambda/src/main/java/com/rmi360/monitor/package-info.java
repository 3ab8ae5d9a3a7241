/** The progress-monitor Lambdas: handlers at this level, pure logic in {@code model}, AWS adapters in {@code aws}. */
package com.rmi360.monitor;
