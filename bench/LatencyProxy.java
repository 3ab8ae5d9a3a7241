import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * User-space WAN emulator for the benchmarks (the kernel here has no netem).
 *
 * <p>A TCP proxy on 127.0.0.1: every chunk read from one side is timestamped and written to the other
 * side at arrival + RTT/2, so each direction gets half the round-trip time while the stream stays
 * ordered and pipelined (a reader thread queues, a writer thread releases; nothing sleeps per chunk on
 * the read path). Optional per-connection bandwidth cap (serialisation delay per direction) and a cap
 * on bytes in flight per direction (default 4 MiB, like a TCP window: throughput of one connection is
 * at most window / (RTT/2) one way).
 *
 * <pre>
 * java bench/LatencyProxy.java --target 127.0.0.1:9000 --rtt-ms 80 [--listen 127.0.0.1:0]
 *      [--bandwidth-mbit 100] [--window-bytes 4194304] [--stats-file PATH [--stats-ms 250]]
 * </pre>
 * With {@code --stats-file}, appends {@code <nanoTime> <bytes up> <bytes down>} (totals so far) every
 * stats-ms to that file, so a caller can compute the rate of the traffic through it over a window.
 * Prints {@code LISTENING <port>} on stdout once it accepts connections; on SIGTERM prints a one-line
 * summary (connections, bytes each way) to stderr.
 */
public final class LatencyProxy {
    private final InetSocketAddress target;
    private final long halfRttNanos;
    private final double bytesPerNano; // 0 = unlimited
    private final long windowBytes;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong upBytes = new AtomicLong();
    private final AtomicLong downBytes = new AtomicLong();

    private LatencyProxy(InetSocketAddress target, long rttMillis, double bandwidthMbit, long windowBytes) {
        this.target = target;
        this.halfRttNanos = rttMillis * 1_000_000L / 2;
        this.bytesPerNano = bandwidthMbit <= 0 ? 0 : bandwidthMbit * 1_000_000.0 / 8 / 1e9;
        this.windowBytes = windowBytes;
    }

    public static void main(String[] args) throws IOException {
        String listen = "127.0.0.1:0";
        String target = null;
        long rtt = 0;
        double mbit = 0;
        long window = 4L << 20;
        String statsFile = null;
        long statsMillis = 250;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--listen": listen = v; i++; break;
                case "--target": target = v; i++; break;
                case "--rtt-ms": rtt = Long.parseLong(v); i++; break;
                case "--bandwidth-mbit": mbit = Double.parseDouble(v); i++; break;
                case "--window-bytes": window = Long.parseLong(v); i++; break;
                case "--stats-file": statsFile = v; i++; break;
                case "--stats-ms": statsMillis = Long.parseLong(v); i++; break;
                default:
                    System.err.println("usage: LatencyProxy --target host:port --rtt-ms N [--listen host:port]"
                            + " [--bandwidth-mbit M] [--window-bytes B] [--stats-file PATH [--stats-ms N]]");
                    System.exit(2);
            }
        }
        if (target == null) {
            System.err.println("LatencyProxy: --target host:port is required");
            System.exit(2);
        }
        LatencyProxy proxy = new LatencyProxy(address(target), rtt, mbit, window);
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address(listen), 512);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.printf(
                "LatencyProxy: %d connections, %d bytes up, %d bytes down%n",
                proxy.connections.get(), proxy.upBytes.get(), proxy.downBytes.get())));
        if (statsFile != null) {
            proxy.writeStats(java.nio.file.Path.of(statsFile), statsMillis);
        }
        System.out.println("LISTENING " + server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket client = server.accept();
            proxy.connections.incrementAndGet();
            spawn("accept", () -> proxy.open(client));
        }
    }

    private void writeStats(java.nio.file.Path file, long millis) throws IOException {
        java.io.PrintStream out = new java.io.PrintStream(java.nio.file.Files.newOutputStream(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
        spawn("stats", () -> {
            while (true) {
                out.println(System.nanoTime() + " " + upBytes.get() + " " + downBytes.get());
                LockSupport.parkNanos(millis * 1_000_000L);
            }
        });
    }

    private static InetSocketAddress address(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void spawn(String name, Runnable r) {
        Thread t = new Thread(null, r, name, 256 * 1024);
        t.setDaemon(true);
        t.start();
    }

    private void open(Socket client) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        AtomicInteger open = new AtomicInteger(2);
        Runnable done = () -> {
            if (open.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        };
        new Direction(client, upstream, upBytes, done).start();
        new Direction(upstream, client, downBytes, done).start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One direction of one connection: a reader that timestamps chunks, a writer that releases them. */
    private final class Direction {
        private final Socket from;
        private final Socket to;
        private final AtomicLong counter;
        private final Runnable done;
        private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        private final Object windowLock = new Object();
        private long queued;
        private boolean broken;
        private long linkFreeAt;

        Direction(Socket from, Socket to, AtomicLong counter, Runnable done) {
            this.from = from;
            this.to = to;
            this.counter = counter;
            this.done = done;
        }

        void start() {
            spawn("read", this::readLoop);
            spawn("write", this::writeLoop);
        }

        private void readLoop() {
            byte[] buf = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    awaitWindow(n);
                    queue.add(new Chunk(Arrays.copyOf(buf, n), releaseTime(n)));
                }
            } catch (IOException | InterruptedException e) {
                // treat as end of stream
            }
            queue.add(new Chunk(null, releaseTime(0)));
        }

        private long releaseTime(int n) {
            long now = System.nanoTime();
            if (bytesPerNano <= 0) {
                return now + halfRttNanos;
            }
            long sent = Math.max(now, linkFreeAt) + (long) (n / bytesPerNano);
            linkFreeAt = sent;
            return sent + halfRttNanos;
        }

        private void awaitWindow(int n) throws InterruptedException {
            synchronized (windowLock) {
                while (!broken && queued > 0 && queued + n > windowBytes) {
                    windowLock.wait();
                }
                if (broken) {
                    throw new InterruptedException("peer closed");
                }
                queued += n;
            }
        }

        private void writeLoop() {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    long wait;
                    while ((wait = c.release - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (c.data == null) {
                        to.shutdownOutput();
                        break;
                    }
                    out.write(c.data);
                    counter.addAndGet(c.data.length);
                    synchronized (windowLock) {
                        queued -= c.data.length;
                        windowLock.notifyAll();
                    }
                }
            } catch (IOException | InterruptedException e) {
                synchronized (windowLock) {
                    broken = true;
                    windowLock.notifyAll();
                }
                closeQuietly(from);
                closeQuietly(to);
            } finally {
                done.run();
            }
        }
    }

    private record Chunk(byte[] data, long release) { }
}
