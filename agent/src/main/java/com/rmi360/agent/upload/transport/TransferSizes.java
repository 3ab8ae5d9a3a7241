package com.rmi360.agent.upload.transport;

/**
 * The sizes that decide how a file goes to S3: one PUT by {@link NativePuts} (below
 * {@link #SINGLE_PUT_BELOW}), one PUT through the Transfer Manager, or a multipart upload (from
 * {@link #MULTIPART_THRESHOLD}), and the CRT's memory for parts. Read by {@link S3Transport}, which
 * builds the clients, and by {@link NativePuts} and the run, which follow the same lines.
 */
public final class TransferSizes {

    /** The part size of a multipart upload. */
    public static final long PART_SIZE = 8L << 20;
    /** Files from this size go in parts ({@link #PART_SIZE}), on either client. */
    public static final long MULTIPART_THRESHOLD = 16L << 20;
    /**
     * The CRT client's native buffer limit for multipart parts: its minimum. Its default (sized for
     * 10 Gbit/s) let 2 files of 256 MiB hold 358 MiB peak RSS; at this limit 229 MiB, with the same
     * throughput at 200 Mbit/s × 80 ms and 1 Gbit/s × 20 ms (docs/benchmarks.md).
     */
    public static final long CRT_NATIVE_MEMORY_LIMIT = 256L << 20;

    /**
     * Files below this size are sent by {@link NativePuts} when the CRT loads: a PutObject through the
     * Transfer Manager and the SDK's pipeline costs the same Java work for 4 KiB as for 16 MiB, which
     * small files cannot amortise (docs/benchmarks.md). Below the SDK's own
     * {@code Expect: 100-continue} threshold, so such a PUT never needs it removed; bigger files keep
     * the CRT's native file reads and parallel parts, and carry the retry signal (a request-level
     * metric publisher, whose per-request cost is small beside their bytes).
     */
    public static final long SINGLE_PUT_BELOW = 1L << 20;

    private TransferSizes() {
    }
}
