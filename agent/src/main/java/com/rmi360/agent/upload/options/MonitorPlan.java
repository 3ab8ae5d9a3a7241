package com.rmi360.agent.upload.options;

import com.rmi360.monitor.model.CameraInfo;
import com.rmi360.monitor.model.ProjectInfo;

/**
 * Whether and how an upload run starts the project's monitor.
 *
 * @param enabled     false with --no-monitor: no progress document, no rule, no heartbeat
 * @param functionArn the rule's target (--monitor-function-arn), or null for the target's default
 * @param project     the status page's project card
 * @param camera      the status page's camera card
 */
public record MonitorPlan(boolean enabled, String functionArn, ProjectInfo project, CameraInfo camera) {
}
