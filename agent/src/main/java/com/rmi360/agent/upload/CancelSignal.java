package com.rmi360.agent.upload;

import java.util.concurrent.atomic.AtomicReference;

/** Set once by Ctrl-C (shutdown hook) or the cancel_copy.txt trigger; the pipeline polls it. */
public final class CancelSignal {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Requests cancellation; the first reason wins. */
    public void trigger(String why) {
        reason.compareAndSet(null, why);
    }

    public boolean isSet() {
        return reason.get() != null;
    }

    /** Why the run was cancelled, or null. */
    public String reason() {
        return reason.get();
    }
}
