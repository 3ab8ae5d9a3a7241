package com.rmi360.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;

/** Flag handling of {@code rmi360 upload}, status and monitor, in-process, without AWS. */
class UploadCommandTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsEveryUploadFlag() {
        CliRun.Result r = CliRun.with().run("upload", "--help");
        assertThat(r.exitCode()).isZero();
        for (String flag : new String[] {"--bucket", "--prefix", "--slug", "--region", "--profile", "--endpoint-url",
            "--concurrency", "--dry-run", "--no-monitor", "--no-skip-existing", "--verify-remote", "--progress",
            "--config", "--monitor-function-arn", "--state-dir", "--machine", "--overwrite"}) {
            assertThat(r.out()).contains(flag);
        }
    }

    @Test
    void badProgressModeIsAUsageError() {
        CliRun.Result r = CliRun.with().run("upload", "--progress", "fancy", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("fancy");
    }

    @Test
    void anInvalidMachineNameIsOneUsageLine() throws Exception {
        Files.write(tmp.resolve("a.jpg"), new byte[1]);
        CliRun.Result r = CliRun.with().run("upload", "--bucket", "b-1", "--slug", "S", "--machine", "lap/top",
                "--dry-run", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).startsWith("rmi360: --machine: invalid machine name 'lap/top'").doesNotContain("\n");
    }

    @Test
    void concurrencyOutOfRangeIsAUsageError() throws Exception {
        Files.write(tmp.resolve("a.jpg"), new byte[1]);
        CliRun.Result r = CliRun.with().run("upload", "--bucket", "b-1", "--slug", "S", "--concurrency", "0",
                "--dry-run", tmp.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--concurrency");
    }

    @Test
    void invalidSlugAndBucketAreUsageErrors() throws Exception {
        Files.write(tmp.resolve("a.jpg"), new byte[1]);
        assertThat(CliRun.with().run("upload", "--bucket", "b-1", "--slug", "bad slug!", "--dry-run", tmp.toString())
                .exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun.Result r = CliRun.with().run("upload", "--bucket", "Bad_Bucket", "--slug", "S", "--dry-run", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not a valid S3 bucket name");
        CliRun.Result none = CliRun.with().run("upload", "--slug", "S", "--dry-run", tmp.toString());
        assertThat(none.err()).contains("no bucket");
    }

    @Test
    void dryRunNeedsNoCredentialsAndWritesNothing() throws Exception {
        Files.createDirectories(tmp.resolve("src/a"));
        Files.write(tmp.resolve("src/a/x.JPG"), new byte[1000]);
        Files.write(tmp.resolve("src/readme.txt"), new byte[10]);
        CliRun.Result r = CliRun.with().run("upload", "--bucket", "b-1", "--slug", "S", "--dry-run",
                tmp.resolve("src").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("dry run: 1 images").contains("s3://b-1/S/");
        assertThat(Files.exists(tmp.resolve("src/.rmi360"))).isFalse();
    }

    @Test
    void monitorAndStatusNeedASlugAndABucket() {
        assertThat(CliRun.with().run("monitor", "stop").err()).contains("no project slug");
        assertThat(CliRun.with().run("monitor", "tick", "--slug", "S").err()).contains("no bucket");
        assertThat(CliRun.with().run("status").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
