package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void writesLegacyFieldNamesInSnakeCaseWithUtcStrings() {
        ProgressDocument doc = ProgressDocument.start("ABC25101",
                new ProjectInfo("25-101", "ABC25101", "Client", "Rail Co", "RC", "Main line"),
                new CameraInfo("Mosaic", "Mosaic 51", "SN1", "2.2.0", "sw"),
                new CloudInfo("bucket", "ABC25101", "us-east-2"), 100, 5000, T0.plusNanos(123_456_789));

        String json = ProgressCodec.encode(doc);

        assertThat(json).contains("\"project_slug\" : \"ABC25101\"", "\"last_updated\" : \"2026-11-28T12:00:00Z\"",
                "\"upload_status\" : \"In Progress\"", "\"expected_total\" : 100", "\"percent_complete\"",
                "\"avg_time_per_image\"", "\"railroad_name\" : \"Rail Co\"", "\"railroad_code\" : \"RC\"",
                "\"serial_number\" : \"SN1\"", "\"cloud_info\"", "\"expected_bytes\" : 5000", "\"history\" : [ ]",
                "\"disable_pending\" : false", "\"start_time\" : null", "\"end_time\" : null");
    }

    @Test
    void roundTripsEveryField() {
        ProgressDocument doc = ProgressDocument.builder().projectSlug("p1").lastUpdated(T0).startTime(T0.minusSeconds(60))
                .endTime(T0).uploadStatus(UploadStatus.FAILED).stalls(6).count(7).expectedTotal(9).percentComplete(77.78)
                .avgTimePerImage(8.57).projectInfo(new ProjectInfo("n", "s", "c", "rn", "rc", "d"))
                .cameraInfo(new CameraInfo("a", "b", "c", "d", "e")).cloudInfo(new CloudInfo("b", "p", "r"))
                .expectedBytes(99).bytes(70).history(List.of(new Sample(T0, 7, 70)))
                .heartbeat(new Heartbeat("p1", T0, 7, 70, 3)).etaSeconds(120L).bytesPerSecond(1.5)
                .ruleName("UploadMonitorRule-p1").disablePending(true).ruleDisabledAt(T0).build();

        assertThat(ProgressCodec.decode(ProgressCodec.encode(doc))).isEqualTo(doc);
    }

    @Test
    void readsALegacyPythonDocumentAndIgnoresUnknownFields() {
        String legacy = """
                {"project_slug": "ABC25101", "last_updated": "2025-06-01T12:00:00.123456",
                 "start_time": "2025-06-01T10:00:00+00:00", "end_time": null, "upload_status": "In Progress",
                 "stalls": 2, "count": 40, "expected_total": 100.0, "percent_complete": 40.0,
                 "avg_time_per_image": 3.5, "logo_url": "https://example.com/logo.png",
                 "project_info": {"number": "25-101", "slug": "ABC25101", "client": "C", "railroad_name": "R",
                                  "railroad_code": "RC", "description": "D", "extra": 1},
                 "camera_info": {"make": "Mosaic", "model": "51", "serial_number": "1", "firmware": "2", "software": "3"},
                 "cloud_info": {"bucket": "b", "prefix": "ABC25101", "region": "us-east-2"}}
                """;

        ProgressDocument doc = ProgressCodec.decode(legacy);

        assertThat(doc.lastUpdated()).isEqualTo(Instant.parse("2025-06-01T12:00:00.123456Z"));
        assertThat(doc.startTime()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
        assertThat(doc.expectedTotal()).isEqualTo(100);
        assertThat(doc.stalls()).isEqualTo(2);
        assertThat(doc.projectInfo().railroadCode()).isEqualTo("RC");
        assertThat(doc.history()).isEmpty();
        assertThat(doc.bytes()).isZero();
    }

    @Test
    void boundsHistoryToTheLast288Samples() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            samples.add(new Sample(T0.plusSeconds(300L * i), i, i));
        }
        ProgressDocument doc = ProgressDocument.builder().projectSlug("p").history(samples).build();

        assertThat(doc.history()).hasSize(ProgressDocument.HISTORY_LIMIT);
        assertThat(doc.history().get(0).count()).isEqualTo(12);
        assertThat(ProgressCodec.decode(ProgressCodec.encode(doc)).history()).hasSize(288);
    }

    @Test
    void rejectsTextThatIsNotAProgressObject() {
        assertThatThrownBy(() -> ProgressCodec.decode("{not json")).isInstanceOf(CorruptDocumentException.class);
        assertThatThrownBy(() -> ProgressCodec.decode("[1,2]")).isInstanceOf(CorruptDocumentException.class);
        assertThatThrownBy(() -> ProgressCodec.decode("")).isInstanceOf(CorruptDocumentException.class);
        assertThatThrownBy(() -> ProgressCodec.decode("{\"count\": \"many\"}")).isInstanceOf(CorruptDocumentException.class);
    }

    @Test
    void readsUnknownStatusLabelsAsInProgressAndLegacyLabelsLeniently() {
        assertThat(ProgressCodec.decode("{\"upload_status\": \"complete\"}").uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(ProgressCodec.decode("{\"upload_status\": \"IN_PROGRESS\"}").uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        assertThat(ProgressCodec.decode("{\"upload_status\": \"weird\"}").uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
    }

    @Test
    void heartbeatRoundTripsWithSnakeCaseFields() {
        Heartbeat h = new Heartbeat("p1", T0, 3, 1024, 512);
        String json = HeartbeatCodec.encode(h);

        assertThat(json).isEqualTo("{\"slug\":\"p1\",\"updated\":\"2026-11-28T12:00:00Z\",\"files_done\":3,"
                + "\"bytes_sent\":1024,\"bytes_in_flight\":512}");
        assertThat(HeartbeatCodec.decode(json)).isEqualTo(h);
        assertThatThrownBy(() -> HeartbeatCodec.decode("{\"slug\":\"p1\"}")).isInstanceOf(CorruptDocumentException.class);
    }
}
