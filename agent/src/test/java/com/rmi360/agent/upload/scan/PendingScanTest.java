package com.rmi360.agent.upload.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import com.rmi360.agent.error.UserError;

class PendingScanTest {

    private static final Scan SOME = new Scan(3, 300, 2, 200, 0);

    @Test
    void takeWaitsForTheScanOnItsOwnThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String[] thread = new String[1];
        PendingScan pending = PendingScan.start(() -> {
            release.await();
            thread[0] = Thread.currentThread().getName();
            return SOME;
        });
        release.countDown();
        assertThat(pending.take()).isEqualTo(SOME);
        assertThat(thread[0]).isEqualTo("rmi360-scan");
    }

    @Test
    void theScansFailureIsThrownAsItWas() {
        PendingScan io = PendingScan.start(() -> {
            throw new NoSuchFileException("/gone");
        });
        assertThatThrownBy(io::take).isInstanceOf(NoSuchFileException.class).hasMessage("/gone");
        PendingScan usage = PendingScan.start(() -> {
            throw UserError.usage("no JPEG images (.jpg/.jpeg) under /d");
        });
        assertThatThrownBy(usage::take).isInstanceOf(UserError.class).hasMessageContaining("no JPEG images");
    }

    @Test
    void aFailedStepGivesWayToTheScansFailure() {
        PendingScan pending = PendingScan.start(() -> {
            throw UserError.usage("no JPEG images (.jpg/.jpeg) under /d");
        });
        assertThatThrownBy(() -> pending.failureFirst(() -> {
            throw UserError.usage("bucket b does not exist");
        })).hasMessageContaining("no JPEG images")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("does not exist")));
    }

    @Test
    void aFailedStepStandsWhenTheScanSucceeded() throws Exception {
        PendingScan pending = PendingScan.start(() -> SOME);
        assertThatThrownBy(() -> pending.failureFirst(() -> {
            throw new IOException("connection refused");
        })).isInstanceOf(IOException.class).hasMessage("connection refused");
        assertThat(pending.failureFirst(() -> "sent")).isEqualTo("sent");
    }

    @Test
    void aStepThatRethrowsTheScansOwnFailureIsNotItsOwnSuppressed() {
        PendingScan pending = PendingScan.start(() -> {
            throw UserError.usage("no JPEG images (.jpg/.jpeg) under /d");
        });
        assertThatThrownBy(() -> pending.failureFirst(pending::take))
                .hasMessageContaining("no JPEG images")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    }
}
