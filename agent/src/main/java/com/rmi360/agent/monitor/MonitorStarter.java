package com.rmi360.agent.monitor;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Supplier;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsErrors;
import com.rmi360.agent.aws.StsCalls;
import com.rmi360.agent.config.AgentConfig;
import com.rmi360.monitor.model.CameraInfo;
import com.rmi360.monitor.model.ProjectInfo;
import com.rmi360.monitor.model.StatusStore;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Starts the monitor for an upload, before its first byte: the progress document (expected totals
 * from the scan, config.yaml's cards), then the project's rule (see {@link MonitorControl}). The target ARN is
 * {@code --monitor-function-arn}, or built from the region and the STS account. A failure is a
 * warning: the upload matters more than its status page.
 */
public final class MonitorStarter {

    private final AwsContext ctx;
    private final PrintWriter err;
    private final Supplier<EventBridgeClient> events;

    public MonitorStarter(AwsContext ctx, PrintWriter err) {
        this(ctx, err, () -> new AwsClients(ctx).eventBridge());
    }

    /** With another EventBridge (local mode passes its in-process one); each client got is closed after use. */
    public MonitorStarter(AwsContext ctx, PrintWriter err, Supplier<EventBridgeClient> events) {
        this.ctx = ctx;
        this.err = err;
        this.events = events;
    }

    /**
     * Returns true if the monitor was started. A null {@link MonitorStart#functionArn()} targets
     * the account's ProgressMonitor (see {@link #defaultFunctionArn}).
     */
    public boolean start(StatusStore status, MonitorStart start) {
        try (EventBridgeClient events = this.events.get()) {
            MonitorStart s = start.functionArn() != null ? start : start.withFunctionArn(defaultFunctionArn(ctx));
            String rule = new MonitorControl(status, events, Clock.systemUTC()).start(s);
            err.println("monitor: status/progress_" + s.slug() + ".json written, rule " + rule + " enabled (rate 5 minutes)");
            err.flush();
            return true;
        } catch (SdkException e) {
            err.println("warning: monitor not started: "
                    + AwsErrors.translate(e, "monitor start", ctx.credentialSource()).getMessage());
        } catch (RuntimeException e) {
            err.println("warning: monitor not started: " + e.getMessage());
        }
        err.flush();
        return false;
    }

    /** {@code arn:<partition>:lambda:<region>:<account>:function:ProgressMonitor}, account from STS. */
    public static String defaultFunctionArn(AwsContext ctx) {
        String account = StsCalls.callerIdentity(ctx).account();
        String partition = ctx.region().metadata() == null ? "aws" : ctx.region().metadata().partition().id();
        return MonitorControl.functionArn(partition, ctx.region().id(), account);
    }

    public static ProjectInfo project(AgentConfig cfg, String slug) {
        com.rmi360.agent.config.ProjectInfo p = cfg.projectInfo();
        return new ProjectInfo(p.number(), p.slug() == null ? slug : p.slug(), p.client(), p.railroadName(),
                p.railroadCode(), p.description());
    }

    public static CameraInfo camera(AgentConfig cfg) {
        com.rmi360.agent.config.CameraInfo c = cfg.cameraInfo();
        return new CameraInfo(c.make(), c.model(), c.serialNumber(), c.firmware(), c.software());
    }
}
