package com.rmi360.agent.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The crash-safe resume journal: an append-only text file with one line per object confirmed in S3.
 *
 * <pre>
 * # rmi360-journal v1 &lt;free text: bucket, prefix&gt;
 * &lt;url-encoded key&gt; TAB &lt;size&gt; TAB &lt;mtime ms&gt; TAB &lt;ALGO:base64 checksum&gt; TAB &lt;crc32 hex of the line so far&gt;
 * </pre>
 *
 * Every {@link #record} is one {@code write(2)} of a whole line, so a process killed with SIGKILL
 * leaves the kernel a complete file except perhaps a torn last line; the file is fsynced at most
 * every {@code syncInterval} and on {@link #close()}, so power loss costs at most that window.
 * Loading ignores a line without its newline or whose own CRC does not match (a torn or damaged
 * line), cuts a torn tail off before appending, and lets a later line for a key replace an earlier
 * one. The file is compacted (rewritten atomically) on open when superseded lines dominate.
 * Thread-safe.
 */
public final class Journal implements AutoCloseable {

    static final String MAGIC = "# rmi360-journal v1";

    private final Path file;
    private final Map<String, JournalEntry> entries;
    private final FileChannel channel;
    private final long syncIntervalNanos;
    private final int damagedLines;
    private long lastSync = System.nanoTime();
    private boolean dirty;

    private Journal(Path file, Map<String, JournalEntry> entries, FileChannel channel, Duration syncInterval, int damaged) {
        this.file = file;
        this.entries = entries;
        this.channel = channel;
        this.syncIntervalNanos = syncInterval.toNanos();
        this.damagedLines = damaged;
    }

    /** Opens (creating if needed) the journal at {@code file}; {@code description} goes in the header line. */
    public static Journal open(Path file, String description, Duration syncInterval) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Map<String, JournalEntry> entries = new HashMap<>();
        long goodLength = 0;
        int lines = 0;
        int damaged = 0;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                goodLength = start;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Optional<JournalEntry> entry = parse(line);
                if (entry.isPresent()) {
                    entries.put(entry.get().key(), entry.get());
                    lines++;
                } else {
                    damaged++;
                }
            }
            if (start < bytes.length) {
                damaged++; // torn last line: written partly when the process died
            }
        }
        boolean compact = lines > 1000 && lines > 2 * entries.size();
        if (compact || goodLength == 0) {
            rewrite(file, description, entries.values());
        } else if (goodLength < Files.size(file)) {
            try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
                truncate.truncate(goodLength);
                truncate.force(true);
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new Journal(file, entries, channel, syncInterval, damaged);
    }

    public Path file() {
        return file;
    }

    /** The entry for {@code key}, if the journal has one. */
    public synchronized Optional<JournalEntry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Lines ignored on load because they were torn or damaged. */
    public int damagedLines() {
        return damagedLines;
    }

    /** Appends one entry (one write of a whole line) and fsyncs if the sync interval has passed. */
    public synchronized void record(JournalEntry entry) {
        ByteBuffer line = ByteBuffer.wrap(format(entry).getBytes(StandardCharsets.UTF_8));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            entries.put(entry.key(), entry);
            dirty = true;
            if (System.nanoTime() - lastSync >= syncIntervalNanos) {
                sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forces written lines to the disk. */
    public synchronized void sync() throws IOException {
        if (dirty && channel.isOpen()) {
            channel.force(false);
            dirty = false;
        }
        lastSync = System.nanoTime();
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            sync();
            channel.close();
        }
    }

    static String format(JournalEntry e) {
        String body = URLEncoder.encode(e.key(), StandardCharsets.UTF_8) + '\t' + e.size() + '\t' + e.mtimeMillis() + '\t' + e.checksum();
        return body + '\t' + crcHex(body) + '\n';
    }

    static Optional<JournalEntry> parse(String line) {
        int lastTab = line.lastIndexOf('\t');
        if (lastTab < 0 || !line.substring(lastTab + 1).equals(crcHex(line.substring(0, lastTab)))) {
            return Optional.empty();
        }
        String[] f = line.substring(0, lastTab).split("\t", -1);
        if (f.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JournalEntry(URLDecoder.decode(f[0], StandardCharsets.UTF_8),
                    Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String crcHex(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().toHexDigits((int) crc.getValue()); // %08x without a Formatter per line
    }

    private static void rewrite(Path file, String description, Collection<JournalEntry> entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder sb = new StringBuilder(MAGIC).append(' ').append(description.replace('\n', ' ')).append('\n');
            for (JournalEntry e : entries) {
                sb.append(format(e));
            }
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
