package com.rmi360.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rmi360.monitor.model.MachineView;
import com.rmi360.monitor.model.ProgressDocument;

/** {@code rmi360 status}: the project line, then one line per machine. */
class StatusLineTest {

    @Test
    void aProjectOfSeveralMachinesGetsOneLineEach() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        ProgressDocument d = ProgressDocument.start("P", null, null, null, 25, 0, t).toBuilder().count(20).machines(List.of(
                new MachineView("alpha", 8, 80, 8, 0, null, t, MachineView.State.DONE),
                new MachineView("gamma", 13, 130, 12, 1, 2.5, t, MachineView.State.CONFLICT))).build();
        assertThat(StatusCommand.line(d).split("\n")).containsExactly(
                "P: In Progress, 20 of 25 images (0.0%), ETA -, updated 2026-03-01T10:00:00Z",
                "  machine alpha: 8 of 8 files, rate -, last seen 2026-03-01T10:00:00Z, done",
                "  machine gamma: 12 of 13 files (1 conflicting), 2.5 images/min, last seen 2026-03-01T10:00:00Z, conflict");
        assertThat(StatusCommand.line(d.toBuilder().machines(List.of()).build())).doesNotContain("\n");
    }
}
