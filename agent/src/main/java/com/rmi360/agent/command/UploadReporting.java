package com.rmi360.agent.command;

import java.io.IOException;
import java.io.PrintWriter;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.upload.UploadTarget;
import com.rmi360.agent.upload.report.ProgressEvents;
import com.rmi360.agent.upload.report.UploadOutcome;

/** The end of every upload the commands run: the summary line, the target's last word, the exit code. */
final class UploadReporting {

    private UploadReporting() {
    }

    /** Prints the summary, lets the target finish a complete run, and returns the exit code. */
    static int report(UploadOutcome outcome, UploadTarget target, String slug, boolean monitored, PrintWriter out)
            throws IOException, InterruptedException {
        return report(outcome, target, slug, monitored, out, ProgressEvents.NONE);
    }

    /** {@link #report(UploadOutcome, UploadTarget, String, boolean, PrintWriter)}, then the {@code summary} event. */
    static int report(UploadOutcome outcome, UploadTarget target, String slug, boolean monitored, PrintWriter out,
                      ProgressEvents events) throws IOException, InterruptedException {
        out.println(outcome.summary());
        out.flush();
        int code = outcome.complete() && !target.finish(slug, monitored, out) ? ExitCodes.SOME_FAILED : outcome.exitCode();
        events.summary(outcome, code);
        return code;
    }
}
