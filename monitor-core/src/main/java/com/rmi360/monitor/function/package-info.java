/**
 * The monitor's two functions without their packaging, on the model's ports only (no AWS import):
 * {@link com.rmi360.monitor.function.ProgressMonitor} (one tick), {@link
 * com.rmi360.monitor.function.ProgressMonitorFunction} and {@link
 * com.rmi360.monitor.function.DisableRuleFunction} (request map → log lines → answer). The Lambda
 * handlers are thin adapters over them; the agent's {@code monitor tick} and local mode call them directly.
 */
package com.rmi360.monitor.function;
