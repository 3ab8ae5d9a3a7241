package com.rmi360.agent.monitor;

import com.rmi360.monitor.model.CameraInfo;
import com.rmi360.monitor.model.CloudInfo;
import com.rmi360.monitor.model.ProjectInfo;

/**
 * What {@code monitor start} needs: where the images go, how many are expected and the cards for
 * the status page.
 *
 * @param declared    true when {@code expectedTotal} is a total given on purpose ({@code monitor start
 *                    --expected-total/--dir}): it goes into the rule's input and wins over the
 *                    machines' manifests; false for an upload's own scan (the machines' manifests decide)
 * @param functionArn the ProgressMonitor Lambda's ARN (the rule's target)
 */
public record MonitorStart(String slug, String bucket, String prefix, String region, long expectedTotal,
                           long expectedBytes, boolean declared, ProjectInfo project, CameraInfo camera, String functionArn) {

    /** The same start with another rule target. */
    public MonitorStart withFunctionArn(String arn) {
        return new MonitorStart(slug, bucket, prefix, region, expectedTotal, expectedBytes, declared, project, camera, arn);
    }

    public CloudInfo cloud() {
        return new CloudInfo(bucket, prefix, region);
    }
}
