package com.rmi360.agent.thread;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Named daemon threads: a factory for executors, one started thread, or a thread per task. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads all named {@code name}, for an executor. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts {@code task} on a new daemon thread named {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread t = named(name).newThread(task);
        t.start();
        return t;
    }

    /** Runs each task on a daemon thread of its own named {@code name} (for {@code CompletableFuture.supplyAsync}). */
    public static Executor threadPerTask(String name) {
        return task -> start(name, task);
    }
}
