package com.rmi360.agent.upload.options;

import java.nio.file.Path;
import java.time.Duration;

import com.rmi360.agent.upload.scan.KeyMapper;

import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * What one upload run does, resolved from flags and config.yaml (plain data, no picocli).
 *
 * @param source            the image folder
 * @param bucket            target bucket
 * @param prefix            folder in the bucket (no slashes at the ends; empty for the root)
 * @param slug              project slug (heartbeat, monitor, log names)
 * @param concurrency       files in flight at once: the pinned value, or where the adaptive limit starts
 * @param retries           SDK retries per request
 * @param dryRun            scan and report only
 * @param skipExisting      skip files the journal (or --verify-remote) shows as already in S3
 * @param verifyRemote      heal the journal from ListObjectsV2 before uploading
 * @param progress          bar, plain, none or json (JSON lines on stdout, see {@link ProgressEvents})
 * @param heartbeatInterval how often {@code status/heartbeat_<slug>.json} is written
 * @param cancelFileTrigger stop when {@code cancel_copy.txt} appears in the source folder
 * @param stateDir          where the journal and CSV logs live (default {@code <source>/.rmi360})
 * @param machine           this machine's name (its manifest and heartbeat under {@code status/<slug>/})
 * @param overwrite         replace objects with other bytes that this machine's journal does not know
 * @param storageClass      the images' S3 storage class; null sends none (STANDARD). Status files stay STANDARD
 * @param concurrencyMode   adaptive files in flight, or what pinned {@code concurrency} (see {@link FilesInFlight})
 * @param bwlimit           the run's bandwidth cap in bytes per second over all connections, 0 for none
 *                          ({@code --bwlimit}, config {@code aws.max_bandwidth}; see {@link BandwidthThrottle})
 */
public record UploadOptions(Path source, String bucket, String prefix, String slug, int concurrency, int retries,
                            boolean dryRun, boolean skipExisting, boolean verifyRemote, ProgressMode progress,
                            Duration heartbeatInterval, boolean cancelFileTrigger, Path stateDir,
                            String machine, boolean overwrite, StorageClass storageClass,
                            ConcurrencyMode concurrencyMode, long bwlimit) {

    public UploadOptions {
        if (bwlimit < 0) {
            throw new IllegalArgumentException("negative bandwidth cap: " + bwlimit);
        }
    }

    /** Files in flight pinned at {@code concurrency} (a caller that chose it), no bandwidth cap. */
    public UploadOptions(Path source, String bucket, String prefix, String slug, int concurrency, int retries,
                         boolean dryRun, boolean skipExisting, boolean verifyRemote, ProgressMode progress,
                         Duration heartbeatInterval, boolean cancelFileTrigger, Path stateDir, String machine,
                         boolean overwrite, StorageClass storageClass) {
        this(source, bucket, prefix, slug, concurrency, retries, dryRun, skipExisting, verifyRemote, progress,
                heartbeatInterval, cancelFileTrigger, stateDir, machine, overwrite, storageClass, ConcurrencyMode.FIXED, 0);
    }

    /** Without a storage class (STANDARD). */
    public UploadOptions(Path source, String bucket, String prefix, String slug, int concurrency, int retries,
                         boolean dryRun, boolean skipExisting, boolean verifyRemote, ProgressMode progress,
                         Duration heartbeatInterval, boolean cancelFileTrigger, Path stateDir, String machine,
                         boolean overwrite) {
        this(source, bucket, prefix, slug, concurrency, retries, dryRun, skipExisting, verifyRemote, progress,
                heartbeatInterval, cancelFileTrigger, stateDir, machine, overwrite, null);
    }

    public static final String CANCEL_FILE = "cancel_copy.txt";
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);

    /** Adaptive files in flight, or what pinned them (its label names it in the summary). */
    public enum ConcurrencyMode {
        ADAPTIVE("adaptive"), FLAG("--concurrency"), CONFIG("config aws.max_workers"), FIXED("fixed");

        private final String label;

        ConcurrencyMode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The JSON events' {@code concurrency_mode}: adaptive, flag, config or fixed. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How progress is shown. */
    public enum ProgressMode { BAR, PLAIN, NONE, JSON }

    public KeyMapper keys() {
        return new KeyMapper(source, prefix);
    }
}
