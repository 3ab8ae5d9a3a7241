package com.rmi360.monitor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The project as the sum of its machines: union total, coverage, staleness, legacy layout, codec, page. */
class MachineRulesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(300);

    private static MachineManifest manifest(String name, List<String> keys, String... conflicts) {
        return new MachineManifest(name, "P", T0, keys.size(), keys.size() * 10L, keys, List.of(conflicts));
    }

    private static Heartbeat beat(Instant at) {
        return new Heartbeat("P", at, 0, 0, 0);
    }

    private static final ProgressDocument PREV = ProgressDocument.start("P", null, null, null, 0, 0, T0);

    @Test
    void overlappingKeysCountOnceAndCompleteNeedsEveryManifestCovered() {
        ProjectMachines machines = new ProjectMachines(List.of(manifest("a", List.of("P/1", "P/2", "P/s")),
                manifest("b", List.of("P/3", "P/s"))), Map.of());
        MachineRules.Tally some = MachineRules.judge(PREV, machines, Set.of("P/1", "P/2", "P/s"), T1);
        assertThat(some.expected()).isEqualTo(4);
        assertThat(some.covered()).isFalse();
        ProgressDocument notYet = ProgressRules.advance(PREV, new ImageCount(4, 40, T0), Optional.empty(), some, T1,
                MonitorSettings.defaults());
        assertThat(notYet.uploadStatus()).as("4 objects, but b's P/3 is missing (a stray object fills the count)")
                .isEqualTo(UploadStatus.IN_PROGRESS);

        MachineRules.Tally all = MachineRules.judge(PREV, machines, Set.of("P/1", "P/2", "P/3", "P/s"), T1);
        ProgressDocument done = ProgressRules.advance(PREV, new ImageCount(4, 40, T0), Optional.empty(), all, T1,
                MonitorSettings.defaults());
        assertThat(done.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);
        assertThat(done.expectedTotal()).isEqualTo(4);
        assertThat(done.machines()).extracting(MachineView::state).containsOnly(MachineView.State.DONE);
    }

    @Test
    void aDeclaredTotalWinsAndAConflictKeepsTheProjectOpen() {
        ProgressDocument declared = PREV.toBuilder().declaredTotal(10).build();
        ProjectMachines machines = new ProjectMachines(List.of(manifest("a", List.of("P/1"), "P/1")), Map.of());
        MachineRules.Tally t = MachineRules.judge(declared, machines, Set.of("P/1"), T1);
        assertThat(t.expected()).isEqualTo(10);
        assertThat(t.covered()).isFalse();
        assertThat(t.views().get(0).state()).isEqualTo(MachineView.State.CONFLICT);
    }

    @Test
    void aStallNeedsEveryMachinesHeartbeatToBeStale() {
        ProjectMachines one = new ProjectMachines(List.of(manifest("a", List.of("P/1")), manifest("b", List.of("P/2"))),
                Map.of("a", beat(T0.minusSeconds(60)), "b", beat(T1.minusSeconds(5))));
        ProgressDocument prev = PREV.toBuilder().stalls(2).build();
        MachineRules.Tally t = MachineRules.judge(prev, one, Set.of(), T1);
        assertThat(t.fresh()).isTrue();
        assertThat(t.views()).extracting(MachineView::state)
                .containsExactly(MachineView.State.STALE, MachineView.State.UPLOADING);
        assertThat(ProgressRules.advance(prev, new ImageCount(0, 0, null), Optional.empty(), t, T1,
                MonitorSettings.defaults()).stalls()).isZero();

        ProjectMachines stale = new ProjectMachines(one.manifests(),
                Map.of("a", beat(T0.minusSeconds(60)), "b", beat(T0.minusSeconds(30))));
        MachineRules.Tally s = MachineRules.judge(prev, stale, Set.of(), T1);
        assertThat(s.fresh()).isFalse();
        assertThat(ProgressRules.advance(prev, new ImageCount(0, 0, null), Optional.empty(), s, T1,
                MonitorSettings.defaults()).stalls()).isEqualTo(3);
    }

    @Test
    void theSingleMachineLayoutStillDecidesByItsOwnTotalAndMigratesWhenAManifestAppears() {
        // A document as today's agent writes it: expected_total from its scan, no machines.
        ProgressDocument legacy = ProgressCodec.decode("""
                {"project_slug":"P","upload_status":"In Progress","count":3,"expected_total":5,"last_updated":"2026-03-01T10:00:00Z"}""");
        assertThat(legacy.machines()).isEmpty();
        assertThat(legacy.declaredTotal()).isZero();
        ProgressDocument still = ProgressRules.advance(legacy, new ImageCount(5, 50, T0), Optional.empty(),
                MachineRules.judge(legacy, ProjectMachines.NONE, Set.of(), T1), T1, MonitorSettings.defaults());
        assertThat(still.uploadStatus()).isEqualTo(UploadStatus.COMPLETE);

        ProjectMachines now = new ProjectMachines(List.of(manifest("a", List.of("P/1", "P/2", "P/3", "P/4", "P/5", "P/6"))),
                Map.of());
        ProgressDocument migrated = ProgressRules.advance(legacy, new ImageCount(5, 50, T0), Optional.empty(),
                MachineRules.judge(legacy, now, Set.of("P/1", "P/2", "P/3", "P/4", "P/5"), T1), T1, MonitorSettings.defaults());
        assertThat(migrated.expectedTotal()).as("the manifest replaces the legacy scan count").isEqualTo(6);
        assertThat(migrated.uploadStatus()).isEqualTo(UploadStatus.IN_PROGRESS);
        ProgressDocument back = ProgressCodec.decode(ProgressCodec.encode(migrated));
        assertThat(back.machines()).isEqualTo(migrated.machines());
        assertThat(ProgressCodec.encode(migrated)).contains("\"expected_total\" : 6").contains("\"count\" : 5");
    }

    @Test
    void manifestsRoundTripAndTheirKeysAreCheckedAgainstTheSlug() {
        MachineManifest m = manifest("laptop-2.field", List.of("P/a.jpg"), "P/a.jpg");
        assertThat(MachineManifestCodec.decode(MachineManifestCodec.encode(m))).isEqualTo(m);
        assertThat(StatusKeys.manifest("P", "laptop-2.field")).isEqualTo("status/P/machines/laptop-2.field.json");
        assertThat(StatusKeys.machineOfManifestKey("P", "status/P/machines/laptop-2.field.json")).contains("laptop-2.field");
        assertThat(StatusKeys.machineOfManifestKey("P", "status/Q/machines/x.json")).isEmpty();
        assertThat(StatusKeys.isValidMachine(".hidden")).isFalse();
        assertThat(StatusKeys.isValidMachine("a/b")).isFalse();
    }

    @Test
    void theDetailPageShowsOneEscapedRowPerMachineUnderTheTotals() {
        ProgressDocument doc = PREV.toBuilder().count(3).expectedTotal(4).machines(List.of(
                new MachineView("a<b>", 3, 30, 2, 0, 1.5, T0, MachineView.State.UPLOADING),
                new MachineView("c", 1, 10, 1, 0, null, null, MachineView.State.DONE))).build();
        String html = DetailPage.render(doc, T1);
        assertThat(html.indexOf("<h2>Machines</h2>")).isGreaterThan(html.indexOf("3 of 4"));
        assertThat(html).contains("a&lt;b&gt;").doesNotContain("a<b>").contains("2 / 3").contains("1.5 images/min")
                .contains("class=\"state-done\">done").contains("never");
        assertThat(DetailPage.render(PREV, T1)).doesNotContain("<h2>Machines</h2>");
        assertThat(IndexPage.render(List.of(doc), T1).split("<li class=\"card\"", -1)).hasSize(2);
    }
}
