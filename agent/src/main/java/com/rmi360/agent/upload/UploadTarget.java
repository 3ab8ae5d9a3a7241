package com.rmi360.agent.upload;

import java.io.IOException;
import java.io.PrintWriter;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.monitor.MonitorStart;
import com.rmi360.monitor.model.StatusStore;

/**
 * Where an {@link UploadRun} sends its requests and starts its monitor: AWS (or a server behind
 * {@code --endpoint-url}, see {@link AwsTarget}), or local mode's stand-ins
 * (the local package's {@code LocalMode}). The run never asks which one it has. Whoever opens a
 * target closes it, after the run.
 */
public interface UploadTarget extends AutoCloseable {

    /** Region, endpoint and credentials for the S3 clients. */
    AwsContext aws();

    /** Whether uploads go through the S3 Transfer Acceleration endpoint. */
    boolean accelerate();

    /**
     * Writes the progress document and enables the project's rule, before the first byte. A
     * failure is a warning line on {@code err}, never fatal: the upload matters more than its page.
     */
    void startMonitor(StatusStore status, MonitorStart start, PrintWriter err);

    /** Called once the target is checked and before the first byte: lines the user should see first. */
    default void beforeUpload(String slug, PrintWriter err) {
    }

    /**
     * After a run that was neither cancelled nor failed: what the target has to say about the
     * project (local mode waits for its monitor and prints where the page is).
     *
     * @param monitored false with --no-monitor
     * @return false if the project did not reach Complete where the target can tell
     */
    default boolean finish(String slug, boolean monitored, PrintWriter out) throws IOException, InterruptedException {
        return true;
    }

    @Override
    void close();
}
