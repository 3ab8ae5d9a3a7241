package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The progress document {@code status/progress_<slug>.json}: immutable, one per project.
 *
 * <p>Legacy fields keep their legacy JSON names ({@link ProgressCodec} maps camelCase to
 * snake_case): {@code project_slug, last_updated, start_time, end_time, upload_status, stalls,
 * count, expected_total, percent_complete, avg_time_per_image, project_info, camera_info,
 * cloud_info}. New fields: {@code expected_bytes, bytes, history} (bounded to
 * {@value #HISTORY_LIMIT} samples, oldest dropped), {@code heartbeat} (the last agent heartbeat the
 * monitor saw), {@code eta_seconds} and {@code bytes_per_second} (from the recent history window;
 * null when unknown), {@code rule_name} (the EventBridge rule to disable when finished),
 * {@code disable_pending} (finished but the disable call has not succeeded yet) and
 * {@code rule_disabled_at} (the last time the disable was asked for and accepted);
 * {@code declared_total} (a total given on purpose, e.g. {@code rmi360 monitor start
 * --expected-total}, which wins over the machines' manifests; 0 when none), {@code machines} (one
 * {@link MachineView} per machine manifest, empty in the single-machine layout),
 * and {@code notified_status} / {@code notified_at}: the finished status whose notification a tick
 * claimed, written (with a conditional write) <i>before</i> that tick publishes it, so a retried or
 * concurrent tick never publishes the same transition again.
 *
 * <p>The canonical constructor never leaves {@code history}, {@code project_info},
 * {@code camera_info}, {@code cloud_info} or {@code upload_status} null. Build or change one with
 * {@link #start}, {@link #builder()} or {@link #toBuilder()}.
 *
 * @param percentComplete 0..100; meaningless (and shown as "—") when {@code expectedTotal <= 0}
 * @param avgTimePerImage legacy: seconds since {@code start_time} divided by {@code count}
 */
public record ProgressDocument(
        String projectSlug,
        Instant lastUpdated,
        Instant startTime,
        Instant endTime,
        UploadStatus uploadStatus,
        int stalls,
        long count,
        long expectedTotal,
        double percentComplete,
        double avgTimePerImage,
        ProjectInfo projectInfo,
        CameraInfo cameraInfo,
        CloudInfo cloudInfo,
        long expectedBytes,
        long bytes,
        List<Sample> history,
        Heartbeat heartbeat,
        Long etaSeconds,
        Double bytesPerSecond,
        String ruleName,
        boolean disablePending,
        Instant ruleDisabledAt,
        long declaredTotal,
        List<MachineView> machines,
        UploadStatus notifiedStatus,
        Instant notifiedAt) {

    /** History bound: 288 samples = 24 h of 5-minute ticks. */
    public static final int HISTORY_LIMIT = 288;

    public ProgressDocument {
        uploadStatus = uploadStatus == null ? UploadStatus.IN_PROGRESS : uploadStatus;
        projectInfo = projectInfo == null ? ProjectInfo.EMPTY : projectInfo;
        cameraInfo = cameraInfo == null ? CameraInfo.EMPTY : cameraInfo;
        cloudInfo = cloudInfo == null ? CloudInfo.EMPTY : cloudInfo;
        history = bounded(history);
        machines = machines == null ? List.of() : List.copyOf(machines);
        stalls = Math.max(0, stalls);
    }

    /**
     * A fresh "In Progress" document, as the agent writes it before uploading (legacy
     * {@code deploy_lambda_monitor.py}) or the monitor creates it when none exists.
     *
     * @param slug          validated with {@link StatusKeys#requireValidSlug}
     * @param expectedTotal images the agent will upload; {@code <= 0} means unknown (never Complete)
     * @param expectedBytes their total size, 0 if unknown
     */
    public static ProgressDocument start(String slug, ProjectInfo project, CameraInfo camera, CloudInfo cloud,
                                         long expectedTotal, long expectedBytes, Instant now) {
        return builder()
                .projectSlug(StatusKeys.requireValidSlug(slug))
                .lastUpdated(now)
                .projectInfo(project)
                .cameraInfo(camera)
                .cloudInfo(cloud)
                .expectedTotal(expectedTotal)
                .expectedBytes(expectedBytes)
                .build();
    }

    /** True when {@code expected_total > 0}, i.e. a percentage and an ETA make sense. */
    public boolean expectedKnown() {
        return expectedTotal > 0;
    }

    /** An empty builder (status In Progress, everything else zero/null). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this document's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static List<Sample> bounded(List<Sample> samples) {
        if (samples == null || samples.isEmpty()) {
            return List.of();
        }
        List<Sample> kept = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            if (sample != null) {
                kept.add(sample);
            }
        }
        int from = Math.max(0, kept.size() - HISTORY_LIMIT);
        return List.copyOf(kept.subList(from, kept.size()));
    }

    /** Mutable builder for {@link ProgressDocument}; setters return {@code this}. */
    public static final class Builder {
        private String projectSlug;
        private Instant lastUpdated;
        private Instant startTime;
        private Instant endTime;
        private UploadStatus uploadStatus = UploadStatus.IN_PROGRESS;
        private int stalls;
        private long count;
        private long expectedTotal;
        private double percentComplete;
        private double avgTimePerImage;
        private ProjectInfo projectInfo = ProjectInfo.EMPTY;
        private CameraInfo cameraInfo = CameraInfo.EMPTY;
        private CloudInfo cloudInfo = CloudInfo.EMPTY;
        private long expectedBytes;
        private long bytes;
        private List<Sample> history = List.of();
        private Heartbeat heartbeat;
        private Long etaSeconds;
        private Double bytesPerSecond;
        private String ruleName;
        private boolean disablePending;
        private Instant ruleDisabledAt;
        private long declaredTotal;
        private List<MachineView> machines = List.of();
        private UploadStatus notifiedStatus;
        private Instant notifiedAt;

        private Builder() {
        }

        private Builder(ProgressDocument d) {
            projectSlug = d.projectSlug;
            lastUpdated = d.lastUpdated;
            startTime = d.startTime;
            endTime = d.endTime;
            uploadStatus = d.uploadStatus;
            stalls = d.stalls;
            count = d.count;
            expectedTotal = d.expectedTotal;
            percentComplete = d.percentComplete;
            avgTimePerImage = d.avgTimePerImage;
            projectInfo = d.projectInfo;
            cameraInfo = d.cameraInfo;
            cloudInfo = d.cloudInfo;
            expectedBytes = d.expectedBytes;
            bytes = d.bytes;
            history = d.history;
            heartbeat = d.heartbeat;
            etaSeconds = d.etaSeconds;
            bytesPerSecond = d.bytesPerSecond;
            ruleName = d.ruleName;
            disablePending = d.disablePending;
            ruleDisabledAt = d.ruleDisabledAt;
            declaredTotal = d.declaredTotal;
            machines = d.machines;
            notifiedStatus = d.notifiedStatus;
            notifiedAt = d.notifiedAt;
        }

        public Builder projectSlug(String v) { projectSlug = v; return this; }
        public Builder lastUpdated(Instant v) { lastUpdated = v; return this; }
        public Builder startTime(Instant v) { startTime = v; return this; }
        public Builder endTime(Instant v) { endTime = v; return this; }
        public Builder uploadStatus(UploadStatus v) { uploadStatus = v; return this; }
        public Builder stalls(int v) { stalls = v; return this; }
        public Builder count(long v) { count = v; return this; }
        public Builder expectedTotal(long v) { expectedTotal = v; return this; }
        public Builder percentComplete(double v) { percentComplete = v; return this; }
        public Builder avgTimePerImage(double v) { avgTimePerImage = v; return this; }
        public Builder projectInfo(ProjectInfo v) { projectInfo = v; return this; }
        public Builder cameraInfo(CameraInfo v) { cameraInfo = v; return this; }
        public Builder cloudInfo(CloudInfo v) { cloudInfo = v; return this; }
        public Builder expectedBytes(long v) { expectedBytes = v; return this; }
        public Builder bytes(long v) { bytes = v; return this; }
        public Builder history(List<Sample> v) { history = v; return this; }
        public Builder heartbeat(Heartbeat v) { heartbeat = v; return this; }
        public Builder etaSeconds(Long v) { etaSeconds = v; return this; }
        public Builder bytesPerSecond(Double v) { bytesPerSecond = v; return this; }
        public Builder ruleName(String v) { ruleName = v; return this; }
        public Builder disablePending(boolean v) { disablePending = v; return this; }
        public Builder ruleDisabledAt(Instant v) { ruleDisabledAt = v; return this; }
        public Builder declaredTotal(long v) { declaredTotal = v; return this; }
        public Builder machines(List<MachineView> v) { machines = v; return this; }
        public Builder notifiedStatus(UploadStatus v) { notifiedStatus = v; return this; }
        public Builder notifiedAt(Instant v) { notifiedAt = v; return this; }

        /** The document; the history is trimmed to the last {@value ProgressDocument#HISTORY_LIMIT} samples. */
        public ProgressDocument build() {
            return new ProgressDocument(projectSlug, lastUpdated, startTime, endTime, uploadStatus, stalls, count,
                    expectedTotal, percentComplete, avgTimePerImage, projectInfo, cameraInfo, cloudInfo,
                    expectedBytes, bytes, history, heartbeat, etaSeconds, bytesPerSecond, ruleName,
                    disablePending, ruleDisabledAt, declaredTotal, machines, notifiedStatus, notifiedAt);
        }
    }
}
