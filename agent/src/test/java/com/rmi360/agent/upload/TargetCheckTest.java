package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.rmi360.agent.error.UserError;
import com.rmi360.agent.upload.UploadOptions.ProgressMode;

class TargetCheckTest {

    private final StringWriter errText = new StringWriter();
    private final PrintWriter err = new PrintWriter(errText, true);
    private final CountDownLatch opened = new CountDownLatch(1);

    private static UploadOptions options() {
        return new UploadOptions(Path.of("src"), "bucket", "P", "P", 4, 3, false, true, false, ProgressMode.NONE,
                Duration.ofSeconds(60), false, Path.of("state"), "m1", false);
    }

    /** Prints a warning as a credentials resolution does, then fails as a missing region does. */
    private TargetCheck failingCheck() {
        return TargetCheck.start(heldErr -> {
            heldErr.println("rmi360: credentials: AWS profile 'p' (AWS_PROFILE), not the keyring");
            opened.countDown();
            throw UserError.usage("no AWS region");
        }, options(), false, err);
    }

    @Test
    void opensTheTargetBeforeItIsJoined() throws InterruptedException {
        try (TargetCheck check = failingCheck()) {
            assertThat(opened.await(10, TimeUnit.SECONDS)).as("opened while the caller scans, not at join").isTrue();
        }
    }

    @Test
    void holdsItsLinesUntilJoinThenThrowsItsErrorAfterThem() throws InterruptedException {
        try (TargetCheck check = failingCheck()) {
            assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(errText.toString()).as("nothing before the scan is done").isEmpty();
            assertThatThrownBy(() -> check.join(err)).isInstanceOf(UserError.class).hasMessage("no AWS region");
            assertThat(errText.toString().lines().toList())
                    .containsExactly("rmi360: credentials: AWS profile 'p' (AWS_PROFILE), not the keyring");
        }
    }

    @Test
    void aCheckNeverJoinedPrintsNothing() throws InterruptedException {
        TargetCheck check = failingCheck();
        assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
        check.close(); // the scan failed first: its error is the run's only line
        Thread.sleep(100);
        assertThat(errText.toString()).isEmpty();
    }
}
