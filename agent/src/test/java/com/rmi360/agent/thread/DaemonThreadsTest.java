package com.rmi360.agent.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    private static String describe() {
        Thread t = Thread.currentThread();
        return t.getName() + " daemon=" + t.isDaemon();
    }

    @Test
    void anExecutorsThreadsAreNamedDaemons() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, DaemonThreads.named("rmi360-test"));
        try {
            assertThat(pool.submit(DaemonThreadsTest::describe).get(5, TimeUnit.SECONDS)).isEqualTo("rmi360-test daemon=true");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStartedThreadIsANamedDaemonThatRunsItsTask() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread t = DaemonThreads.start("rmi360-once", () -> seen.complete(describe()));
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("rmi360-once daemon=true");
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void eachTaskGetsADaemonThreadOfItsOwn() throws Exception {
        CompletableFuture<Thread> first = CompletableFuture.supplyAsync(Thread::currentThread, DaemonThreads.threadPerTask("rmi360-each"));
        CompletableFuture<Thread> second = CompletableFuture.supplyAsync(Thread::currentThread, DaemonThreads.threadPerTask("rmi360-each"));
        assertThat(first.get(5, TimeUnit.SECONDS)).isNotSameAs(second.get(5, TimeUnit.SECONDS));
        assertThat(first.get().getName()).isEqualTo("rmi360-each");
        assertThat(first.get().isDaemon()).isTrue();
    }
}
