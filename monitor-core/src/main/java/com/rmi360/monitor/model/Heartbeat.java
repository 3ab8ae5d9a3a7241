package com.rmi360.monitor.model;

import java.time.Instant;

/**
 * The agent's liveness beacon, {@code status/heartbeat_<slug>.json}, written every 60 s while it
 * uploads: {@code {"slug", "updated", "files_done", "bytes_sent", "bytes_in_flight"}}.
 * A heartbeat newer than the one the previous tick saw keeps the project from stalling even when
 * no new object has appeared (a large multipart upload in flight). Encode/decode with
 * {@link HeartbeatCodec}.
 *
 * @param slug          project slug
 * @param updated       when the agent wrote it (UTC)
 * @param filesDone     files finished (uploaded or verified present) in this run
 * @param bytesSent     bytes sent in this run, parts of unfinished files included
 * @param bytesInFlight bytes of files currently being uploaded, not yet visible as objects
 */
public record Heartbeat(String slug, Instant updated, long filesDone, long bytesSent, long bytesInFlight) {
}
