/** The progress-monitor Lambdas: handlers at this level, over monitor-core; AWS clients and disable switches in {@code aws}. */
package com.rmi360.monitor;
