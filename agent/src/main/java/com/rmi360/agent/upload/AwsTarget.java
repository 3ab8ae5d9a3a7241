package com.rmi360.agent.upload;

import java.io.PrintWriter;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.monitor.MonitorStart;
import com.rmi360.agent.monitor.MonitorStarter;
import com.rmi360.monitor.model.StatusStore;

/** The real target: AWS, or the S3-compatible server and moto behind {@code --endpoint-url}. */
public final class AwsTarget implements UploadTarget {

    private final AwsContext ctx;
    private final boolean accelerate;

    /** @param accelerate config {@code aws.use_acceleration} (ignored by the transport with an endpoint override) */
    public AwsTarget(AwsContext ctx, boolean accelerate) {
        this.ctx = ctx;
        this.accelerate = accelerate;
    }

    @Override
    public AwsContext aws() {
        return ctx;
    }

    @Override
    public boolean accelerate() {
        return accelerate;
    }

    @Override
    public void startMonitor(StatusStore status, MonitorStart start, PrintWriter err) {
        new MonitorStarter(ctx, err).start(status, start);
    }

    @Override
    public void close() {
        // nothing is held: the run closes the clients it made
    }
}
