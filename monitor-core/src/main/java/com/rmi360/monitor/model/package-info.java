/**
 * The pure core of the progress monitor, shared with the upload agent.
 *
 * <p>Nothing here talks to AWS: no {@code software.amazon} or {@code com.amazonaws} import is
 * allowed (a test enforces it). The package holds
 * <ul>
 *   <li>the progress document ({@link com.rmi360.monitor.model.ProgressDocument}) and its JSON codec
 *       ({@link com.rmi360.monitor.model.ProgressCodec}), compatible by field name with the legacy
 *       Python toolbox's {@code status/progress_<slug>.json};</li>
 *   <li>the agent heartbeat ({@link com.rmi360.monitor.model.Heartbeat},
 *       {@link com.rmi360.monitor.model.HeartbeatCodec});</li>
 *   <li>the S3 key layout and slug rule ({@link com.rmi360.monitor.model.StatusKeys});</li>
 *   <li>the scheduled event ({@link com.rmi360.monitor.model.MonitorEvent}) and settings
 *       ({@link com.rmi360.monitor.model.MonitorSettings});</li>
 *   <li>the ports the application service needs ({@link com.rmi360.monitor.model.ObjectListing},
 *       {@link com.rmi360.monitor.model.StatusStore}, {@link com.rmi360.monitor.model.RuleSwitch}),
 *       implemented for S3 in {@code com.rmi360.monitor.s3} and, for the disable, by the Lambda packaging ({@code com.rmi360.monitor.aws}) and the agent;</li>
 *   <li>the tick rules ({@link com.rmi360.monitor.model.ProgressRules}) and the status pages
 *       ({@link com.rmi360.monitor.model.DetailPage}, {@link com.rmi360.monitor.model.IndexPage}).</li>
 * </ul>
 */
package com.rmi360.monitor.model;
