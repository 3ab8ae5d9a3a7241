package com.rmi360.agent.upload.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The toolbox's CSV files, kept for users' spreadsheets: the per-file log
 * ({@code timestamp,local_file,s3_key,status,error,size_bytes,duration_sec}, status
 * {@code uploaded|skipped|error|conflict}, appended across runs) and the summary of one run
 * ({@code Total Files,Uploaded,Skipped,Skipped (from prior log),Failed,Elapsed Time (sec),
 * Average Time/Image (sec),Total Size (MB),Average Speed (MB/sec),Conflicts}; the last column is new). Thread-safe.
 */
public final class CsvLog implements AutoCloseable {

    public static final String LOG_HEADER = "timestamp,local_file,s3_key,status,error,size_bytes,duration_sec";
    public static final String SUMMARY_HEADER = "Total Files,Uploaded,Skipped,Skipped (from prior log),Failed,"
            + "Elapsed Time (sec),Average Time/Image (sec),Total Size (MB),Average Speed (MB/sec),Conflicts";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final BufferedWriter log;
    private final Path summary;

    private CsvLog(BufferedWriter log, Path summary) {
        this.log = log;
        this.summary = summary;
    }

    /** Opens {@code upload_log_<slug>.csv} for appending and names {@code upload_summary_<slug>.csv} in {@code dir}. */
    public static CsvLog open(Path dir, String slug) throws IOException {
        Files.createDirectories(dir);
        Path logFile = dir.resolve("upload_log_" + slug + ".csv");
        boolean fresh = !Files.exists(logFile) || Files.size(logFile) == 0;
        BufferedWriter w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            w.write(LOG_HEADER);
            w.write('\n');
        }
        return new CsvLog(w, dir.resolve("upload_summary_" + slug + ".csv"));
    }

    public synchronized void file(Path local, String key, String status, String error, long size, double seconds) {
        try {
            log.write(String.join(",", TIME.format(Instant.now()), quote(local.toString()), quote(key), status,
                    quote(error == null ? "" : error), Long.toString(size), millis3(seconds)));
            log.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() {
        try {
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the summary file (replacing the previous run's). */
    public void summary(UploadReport r) throws IOException {
        double secs = r.elapsed().toMillis() / 1000.0;
        double mb = r.bytesUploaded() / 1_000_000.0;
        String row = String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%.2f,%.3f,%.2f,%.2f,%d", r.total(), r.uploaded(),
                r.skippedRemote(), r.skippedJournal(), r.failed(), secs,
                r.uploaded() == 0 ? 0.0 : secs / r.uploaded(), mb, secs == 0 ? 0.0 : mb / secs, r.conflicts().size());
        Files.writeString(summary, SUMMARY_HEADER + "\n" + row + "\n", StandardCharsets.UTF_8);
    }

    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }

    /** {@code seconds} with 3 decimals, as {@code %.3f} would print it, without a Formatter per file line. */
    static String millis3(double seconds) {
        long ms = Math.round(seconds * 1000);
        String sign = ms < 0 ? "-" : "";
        ms = Math.abs(ms);
        long frac = ms % 1000;
        return sign + (ms / 1000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }
}
