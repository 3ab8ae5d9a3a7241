package com.rmi360.agent.upload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.rmi360.agent.upload.flight.Progress;
import com.rmi360.agent.upload.scan.FileTask;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomesTest {

    @TempDir
    Path tmp;

    final StringWriter err = new StringWriter();
    final Progress progress = new Progress(10, 1000);

    List<String> rows(CsvLog csv) throws IOException {
        csv.flush();
        // Drop the timestamp column: the rest of each row is what the run decides.
        return Files.readAllLines(tmp.resolve("upload_log_t.csv")).stream().skip(1)
                .map(l -> l.substring(l.indexOf(',') + 1)).toList();
    }

    @Test
    void eachOutcomeMovesItsCountersAndWritesItsRow() throws IOException {
        try (CsvLog csv = CsvLog.open(tmp, "t")) {
            Outcomes o = new Outcomes(csv, progress, new ErrorLines(new PrintWriter(err)));
            Path a = Path.of("/src/a.jpg");
            for (int i = 0; i < 6; i++) {
                o.found();
            }
            o.skippedJournal(FileTask.found(Path.of("/src/j.jpg"), "p/j.jpg", 5, 1));
            o.skippedRemote(FileTask.found(Path.of("/src/r.jpg"), "p/r.jpg", 6, 1));
            o.uploaded(FileTask.found(a, "p/a.jpg", 100, 1), 1.5);
            o.retried();
            o.failed(FileTask.found(Path.of("/src/b.jpg"), "p/b.jpg", 7, 1), 0.25, "changed during the upload",
                    "changed during the upload; will be sent again next run");
            o.failed(FileTask.found(Path.of("/src/c.jpg"), "p/c.jpg", 0, 0), 0, "permission denied");
            o.cancelled(FileTask.found(Path.of("/src/d.jpg"), "p/d.jpg", 8, 1), 2);
            o.unrecorded(Path.of("/src/e.jpg"), "cannot write the journal");

            assertThat(rows(csv)).containsExactly(
                    "/src/j.jpg,p/j.jpg,skipped,in journal,5,0.000",
                    "/src/r.jpg,p/r.jpg,skipped,already in S3 (verified),6,0.000",
                    "/src/a.jpg,p/a.jpg,uploaded,,100,1.500",
                    "/src/b.jpg,p/b.jpg,error,changed during the upload,7,0.250",
                    "/src/c.jpg,p/c.jpg,error,permission denied,0,0.000",
                    "/src/d.jpg,p/d.jpg,error,cancelled,8,2.000");
            assertThat(err.toString().lines()).containsExactly(
                    "error: /src/b.jpg: changed during the upload; will be sent again next run",
                    "error: /src/c.jpg: permission denied",
                    "error: /src/e.jpg: cannot write the journal");
            // The unrecorded one counts as failed in the report but not on the progress line.
            assertThat(progress.filesDone()).isEqualTo(1);
            assertThat(progress.filesFailed.get()).isEqualTo(2);
            assertThat(o.report(Duration.ofSeconds(3), true))
                    .isEqualTo(new UploadReport(6, 1, 1, 1, 3, 100, Duration.ofSeconds(3), true, 1, List.of()));
        }
    }

    @Test
    void errorLinesStopAfterTwentyWithOnePointerToTheCsv() {
        ErrorLines lines = new ErrorLines(new PrintWriter(err));
        for (int i = 1; i <= 25; i++) {
            lines.print("f" + i + ".jpg: boom");
        }
        List<String> printed = err.toString().lines().toList();
        assertThat(printed).hasSize(ErrorLines.MAX_ERROR_LINES + 1);
        assertThat(printed.get(0)).isEqualTo("error: f1.jpg: boom");
        assertThat(printed.get(19)).isEqualTo("error: f20.jpg: boom");
        assertThat(printed.get(20)).isEqualTo("error: more errors; see the CSV log");
    }
}
