package com.rmi360.monitor.model;

import java.time.Instant;

/**
 * One machine as the last tick saw it, a row of the status page's machine table (stored in the
 * progress document's {@code machines} array).
 *
 * @param machine        name
 * @param files          images in its manifest
 * @param bytes          their size
 * @param done           of those, how many the bucket holds (whoever wrote them)
 * @param conflicts      files it holds with other bytes than the bucket's object (left as they are)
 * @param filesPerMinute images of its manifest that appeared per minute since the previous tick; null when unknown
 * @param lastSeen       its newest heartbeat; null if none yet
 * @param state          {@link State}
 */
public record MachineView(String machine, long files, long bytes, long done, long conflicts, Double filesPerMinute,
                          Instant lastSeen, State state) {

    public MachineView {
        state = state == null ? State.WAITING : state;
    }

    /** What the page shows for a machine. */
    public enum State {
        /** Every file of its manifest is in the bucket, no conflict. */
        DONE("done"),
        /** Its heartbeat is newer than at the previous tick. */
        UPLOADING("uploading"),
        /** Files left and no new heartbeat since the previous tick. */
        STALE("stale"),
        /** Some of its files differ from the bucket's objects: fix them or rerun with --overwrite. */
        CONFLICT("conflict"),
        /** No heartbeat yet. */
        WAITING("waiting");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The state with this label; {@link #WAITING} for anything else. */
        public static State fromLabel(String label) {
            for (State s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            return WAITING;
        }
    }
}
