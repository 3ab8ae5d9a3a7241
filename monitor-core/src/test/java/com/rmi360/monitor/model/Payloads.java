package com.rmi360.monitor.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test documents whose every text field carries script-injection payloads. */
public final class Payloads {

    public static final String SCRIPT = "<script>document.title='pwned';fetch('/script-ran')</script>";
    public static final String IMG = "\"><img src=/img-onerror onerror=\"document.title='pwned'\">";
    public static final String ATTR = "' onmouseover='alert(1)' x='";

    private Payloads() {
    }

    public static String mixed(String field) {
        return field + " " + SCRIPT + IMG + ATTR;
    }

    /** A document with payloads in every text field and a short history. */
    public static ProgressDocument hostile(String slug, Instant now) {
        List<Sample> history = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            history.add(new Sample(now.minusSeconds(300L * (5 - i)), 10L * i, 1_000_000L * i));
        }
        return ProgressDocument.builder()
                .projectSlug(slug).lastUpdated(now).startTime(now.minusSeconds(1800)).count(50).expectedTotal(200)
                .percentComplete(25).avgTimePerImage(36).bytes(50_000_000).expectedBytes(200_000_000)
                .projectInfo(new ProjectInfo(mixed("25-101"), mixed("slug"), mixed("client"), mixed("rr"), mixed("rc"),
                        mixed("description")))
                .cameraInfo(new CameraInfo(mixed("make"), mixed("model"), mixed("sn"), mixed("fw"), mixed("sw")))
                .cloudInfo(new CloudInfo(mixed("bucket"), mixed("prefix"), mixed("region")))
                .history(history).etaSeconds(5400L).bytesPerSecond(55_555.0)
                .heartbeat(new Heartbeat(mixed("hb"), now.minusSeconds(45), 48, 49_000_000, 1_000_000))
                .ruleName("UploadMonitorRule-" + slug).build();
    }
}
