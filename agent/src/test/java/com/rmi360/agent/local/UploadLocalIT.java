package com.rmi360.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.SecretStore;
import com.rmi360.agent.testsupport.CliRun;

/** {@code rmi360 upload DIR --local} on a real folder, in-process, with no AWS anything and no keyring. */
class UploadLocalIT {

    private static final SecretStore.Opener NO_KEYRING = () -> {
        throw new AssertionError("local mode must not open the keyring");
    };

    @TempDir
    Path tmp;

    @Test
    void rehearsesAFolderToCompleteAndResumesFromItsOwnJournal() throws Exception {
        Path src = tmp.resolve("ABC25101");
        DemoImages.write(src, 7);

        CliRun.Result first = CliRun.with().store(NO_KEYRING).run("upload", src.toString(), "--local", "--progress", "none");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("done: 7 uploaded").contains("monitor: Complete, 7 of 7 images; rule UploadMonitorRule-ABC25101 disabled")
                .contains("status page: http://127.0.0.1:").contains("status page copy: ");
        assertThat(first.err()).contains("local mode: S3 at http://127.0.0.1:").contains("bucket rmi360-local");
        Path local = src.resolve(".rmi360/local");
        assertThat(local.resolve("status-pages/ABC25101.html")).exists();
        assertThat(Files.readString(local.resolve("status-pages/ABC25101.html"))).contains("Complete");
        assertThat(local.resolve("s3/rmi360-local/ABC25101/day-1/track-07/cam-front/IMG_0001.jpg")).exists();
        assertThat(local.resolve("s3/rmi360-local/ABC25101/day-1/notes.txt")).doesNotExist();
        try (Stream<Path> top = Files.list(src.resolve(".rmi360"))) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactly("local"); // no journal a real run would trust
        }

        CliRun.Result again = CliRun.with().store(NO_KEYRING).run("upload", src.toString(), "--local", "--progress", "none");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("done: 0 uploaded, 7 skipped (journal)").contains("monitor: Complete, 7 of 7 images");
    }

    @Test
    void noMonitorStillServesAndCopiesWhatThereIs() throws Exception {
        Path src = tmp.resolve("P2");
        DemoImages.write(src, 2);
        CliRun.Result run = CliRun.with().store(NO_KEYRING).run("upload", src.toString(), "--local", "--no-monitor",
                "--bucket", "rehearsal", "--progress", "none");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("done: 2 uploaded").doesNotContain("monitor:");
        assertThat(src.resolve(".rmi360/local/s3/rehearsal/P2")).isDirectory();
    }
}
