package com.rmi360.agent.upload.remote;

import java.nio.file.Path;

import com.rmi360.agent.journal.Journal;
import com.rmi360.agent.journal.JournalEntry;
import com.rmi360.agent.upload.scan.FileTask;

/**
 * Whether a found image needs sending. With {@code skipExisting}: a journal line with the file's
 * size and mtime vouches for it (when there is a remote listing, only if the object is listed);
 * otherwise, with a healing listing (--verify-remote), a listed object of the same size whose bytes
 * match the file stands in for it and is journaled.
 */
public final class SkipPolicy {

    /** What to do with one image. */
    public enum Decision {
        /** Upload it. */
        SEND,
        /** The journal vouches for it. */
        IN_JOURNAL,
        /** Found in S3, checked and journaled now. */
        VERIFIED_IN_S3
    }

    /** Checks a listed object against the local file (see {@link RemoteCheck}). */
    @FunctionalInterface
    public interface RemoteVerifier {
        /** The journal checksum value if the object holds the file's bytes, else null. */
        String verify(String key, Path file, RemoteState.Remote remote);
    }

    private final boolean skipExisting;
    private final Journal journal;
    private final RemoteState remote;
    private final RemoteVerifier verifier;

    /** @param remote the listing for --verify-remote (or after a damaged journal), or null */
    public SkipPolicy(boolean skipExisting, Journal journal, RemoteState remote, RemoteVerifier verifier) {
        this.skipExisting = skipExisting;
        this.journal = journal;
        this.remote = remote;
        this.verifier = verifier;
    }

    public Decision decide(FileTask t) {
        if (!skipExisting) {
            return Decision.SEND;
        }
        boolean journaled = journal.get(t.key()).map(e -> e.matches(t.size(), t.mtime())).orElse(false);
        if (journaled && (remote == null || remote.contains(t.key()))) {
            return Decision.IN_JOURNAL;
        }
        if (remote != null && remote.heals()) {
            RemoteState.Remote r = remote.get(t.key());
            if (r != null && r.size() == t.size()) {
                String checksum = verifier.verify(t.key(), t.file(), r);
                if (checksum != null) {
                    journal.record(new JournalEntry(t.key(), t.size(), t.mtime(), checksum));
                    return Decision.VERIFIED_IN_S3;
                }
            }
        }
        return Decision.SEND;
    }
}
