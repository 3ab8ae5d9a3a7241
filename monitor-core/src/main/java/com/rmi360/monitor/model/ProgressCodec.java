package com.rmi360.monitor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for {@link ProgressDocument}, on Jackson's streaming core: snake_case field names (the
 * legacy names kept), ISO-8601 UTC strings for times, unknown fields ignored on read, missing
 * numbers read as 0, legacy time formats accepted (see {@link Json#parseInstant}). Thread-safe.
 */
public final class ProgressCodec {

    private ProgressCodec() {
    }

    /** Pretty-printed JSON (UTF-8 when stored). Every field is written; unknown values as null. */
    public static String encode(ProgressDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project_slug", d.projectSlug());
        m.put("last_updated", d.lastUpdated());
        m.put("start_time", d.startTime());
        m.put("end_time", d.endTime());
        m.put("upload_status", d.uploadStatus().label());
        m.put("stalls", d.stalls());
        m.put("count", d.count());
        m.put("expected_total", d.expectedTotal());
        m.put("percent_complete", d.percentComplete());
        m.put("avg_time_per_image", d.avgTimePerImage());
        m.put("project_info", project(d.projectInfo()));
        m.put("camera_info", camera(d.cameraInfo()));
        m.put("cloud_info", cloud(d.cloudInfo()));
        m.put("expected_bytes", d.expectedBytes());
        m.put("bytes", d.bytes());
        List<Object> history = new ArrayList<>(d.history().size());
        for (Sample s : d.history()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("at", s.at());
            sample.put("count", s.count());
            sample.put("bytes", s.bytes());
            history.add(sample);
        }
        m.put("history", history);
        m.put("heartbeat", d.heartbeat() == null ? null : HeartbeatCodec.toMap(d.heartbeat()));
        m.put("eta_seconds", d.etaSeconds());
        m.put("bytes_per_second", d.bytesPerSecond());
        m.put("rule_name", d.ruleName());
        m.put("disable_pending", d.disablePending());
        m.put("rule_disabled_at", d.ruleDisabledAt());
        m.put("declared_total", d.declaredTotal());
        List<Object> machines = new ArrayList<>(d.machines().size());
        for (MachineView v : d.machines()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("machine", v.machine());
            row.put("files", v.files());
            row.put("bytes", v.bytes());
            row.put("done", v.done());
            row.put("conflicts", v.conflicts());
            row.put("files_per_minute", v.filesPerMinute());
            row.put("last_seen", v.lastSeen());
            row.put("state", v.state().label());
            machines.add(row);
        }
        m.put("machines", machines);
        m.put("notified_status", d.notifiedStatus() == null ? null : d.notifiedStatus().label());
        m.put("notified_at", d.notifiedAt());
        return Json.write(m, true);
    }

    /**
     * Reads a progress document.
     *
     * @throws CorruptDocumentException when the text is not a JSON object of the expected shape
     */
    public static ProgressDocument decode(String json) {
        JsonFields f = JsonFields.parse(json, "progress document");
        return ProgressDocument.builder()
                .projectSlug(f.text("project_slug"))
                .lastUpdated(f.instant("last_updated"))
                .startTime(f.instant("start_time"))
                .endTime(f.instant("end_time"))
                .uploadStatus(UploadStatus.fromLabel(f.text("upload_status")))
                .stalls((int) Math.min(Integer.MAX_VALUE, f.whole("stalls")))
                .count(f.whole("count"))
                .expectedTotal(f.whole("expected_total"))
                .percentComplete(f.decimal("percent_complete"))
                .avgTimePerImage(f.decimal("avg_time_per_image"))
                .projectInfo(project(f.object("project_info")))
                .cameraInfo(camera(f.object("camera_info")))
                .cloudInfo(cloud(f.object("cloud_info")))
                .expectedBytes(f.whole("expected_bytes"))
                .bytes(f.whole("bytes"))
                .history(history(f.array("history")))
                .heartbeat(f.object("heartbeat") == null ? null : HeartbeatCodec.fromFields(f.object("heartbeat")))
                .etaSeconds(f.optionalWhole("eta_seconds"))
                .bytesPerSecond(f.optionalDecimal("bytes_per_second"))
                .ruleName(f.text("rule_name"))
                .disablePending(f.flag("disable_pending"))
                .ruleDisabledAt(f.instant("rule_disabled_at"))
                .declaredTotal(f.whole("declared_total"))
                .machines(machines(f.array("machines")))
                .notifiedStatus(f.text("notified_status") == null ? null : UploadStatus.fromLabel(f.text("notified_status")))
                .notifiedAt(f.instant("notified_at"))
                .build();
    }

    private static List<Sample> history(List<?> items) {
        List<Sample> samples = new ArrayList<>();
        if (items == null) {
            return samples;
        }
        for (Object item : items) {
            JsonFields s = JsonFields.of(item, "history sample");
            if (s.instant("at") != null) {
                samples.add(new Sample(s.instant("at"), s.whole("count"), s.whole("bytes")));
            }
        }
        return samples;
    }

    private static List<MachineView> machines(List<?> items) {
        List<MachineView> views = new ArrayList<>();
        if (items == null) {
            return views;
        }
        for (Object item : items) {
            JsonFields v = JsonFields.of(item, "machine");
            if (v.text("machine") != null) {
                views.add(new MachineView(v.text("machine"), v.whole("files"), v.whole("bytes"), v.whole("done"),
                        v.whole("conflicts"), v.optionalDecimal("files_per_minute"), v.instant("last_seen"),
                        MachineView.State.fromLabel(v.text("state"))));
            }
        }
        return views;
    }

    private static Map<String, Object> project(ProjectInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", p.number());
        m.put("slug", p.slug());
        m.put("client", p.client());
        m.put("railroad_name", p.railroadName());
        m.put("railroad_code", p.railroadCode());
        m.put("description", p.description());
        return m;
    }

    private static ProjectInfo project(JsonFields f) {
        return f == null ? null : new ProjectInfo(f.text("number"), f.text("slug"), f.text("client"),
                f.text("railroad_name"), f.text("railroad_code"), f.text("description"));
    }

    private static Map<String, Object> camera(CameraInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("make", c.make());
        m.put("model", c.model());
        m.put("serial_number", c.serialNumber());
        m.put("firmware", c.firmware());
        m.put("software", c.software());
        return m;
    }

    private static CameraInfo camera(JsonFields f) {
        return f == null ? null : new CameraInfo(f.text("make"), f.text("model"), f.text("serial_number"),
                f.text("firmware"), f.text("software"));
    }

    private static Map<String, Object> cloud(CloudInfo c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", c.bucket());
        m.put("prefix", c.prefix());
        m.put("region", c.region());
        return m;
    }

    private static CloudInfo cloud(JsonFields f) {
        return f == null ? null : new CloudInfo(f.text("bucket"), f.text("prefix"), f.text("region"));
    }
}
