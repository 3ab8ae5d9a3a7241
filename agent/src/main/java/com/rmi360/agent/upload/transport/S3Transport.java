package com.rmi360.agent.upload.transport;

import static com.rmi360.agent.error.Errors.firstLine;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.HttpProxy;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.agent.trace.StartupTrace;

import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.ProxyConfiguration;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.crt.S3CrtProxyConfiguration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The S3 Transfer Manager on the CRT S3 client (native, parallel parts, CRC64NVME), or on the Java
 * multipart client with a warning when the CRT native library cannot load (or RMI360_NO_CRT is
 * set): parts of {@value TransferSizes#PART_SIZE} bytes above {@value TransferSizes#MULTIPART_THRESHOLD} bytes, as the
 * toolbox's boto3 settings.
 *
 * <p>{@code Expect: 100-continue}, which the SDK adds to PutObject from 1 MiB on and the CRT then
 * copies onto CreateMultipartUpload and each UploadPart: {@link #customize} removes it from single
 * PUTs in every mode, and from multipart uploads with an endpoint override (S3Proxy and other local
 * servers mishandle it), with a request-level plugin that appends an interceptor after the SDK's own.
 * The Java fallback client gets {@code expectContinueEnabled(false)} with an endpoint override.
 *
 * <p>With the CRT, files below {@value TransferSizes#SINGLE_PUT_BELOW} bytes skip the Transfer Manager and the CRT
 * S3 client's SDK pipeline: each is one CRT meta-request made directly ({@link NativePuts}).
 */
public final class S3Transport implements AutoCloseable {

    private final S3AsyncClient client;
    private final S3TransferManager transferManager;
    private final ChecksumKind checksumKind;
    private final boolean crt;
    private final boolean stripExpect;
    private final RequestRetries retries;
    /** The single PUTs below {@link TransferSizes#SINGLE_PUT_BELOW} bytes, or null (the Java fallback). */
    private final NativePuts singlePuts;

    private S3Transport(S3AsyncClient client, ChecksumKind kind, boolean crt, boolean stripExpect, RequestRetries retries) {
        this(client, kind, crt, stripExpect, retries, null);
    }

    private S3Transport(S3AsyncClient client, ChecksumKind kind, boolean crt, boolean stripExpect, RequestRetries retries,
                        NativePuts singlePuts) {
        this.singlePuts = singlePuts;
        this.client = client;
        this.transferManager = S3TransferManager.builder().s3Client(client).build();
        this.checksumKind = kind;
        this.crt = crt;
        this.stripExpect = stripExpect;
        this.retries = retries;
    }

    /** Builds the transport; {@code warnings} gets one line when falling back to the Java client. */
    public static S3Transport create(AwsContext ctx, int concurrency, int retries, boolean disableCrt,
                                     Consumer<String> warnings) {
        return create(ctx, concurrency, retries, disableCrt, false, warnings);
    }

    /** @param accelerate use the S3 Transfer Acceleration endpoint (config aws.use_acceleration; ignored with an endpoint override) */
    public static S3Transport create(AwsContext ctx, int concurrency, int retries, boolean disableCrt, boolean accelerate,
                                     Consumer<String> warnings) {
        boolean local = ctx.endpoint().isPresent();
        boolean fast = accelerate && !local;
        String host = fast ? "s3-accelerate.amazonaws.com" : ctx.host("s3");
        Optional<HttpProxy> proxy = ctx.proxy().appliesTo(host) ? Optional.of(ctx.proxy()) : Optional.empty();
        if (!disableCrt) {
            NativePuts singlePuts = null;
            try {
                loadNative();
                RequestRetries crtRetries = RequestRetries.perAttempt();
                S3AsyncClient crtClient = S3AsyncClient.crtBuilder()
                        .region(ctx.region())
                        .credentialsProvider(ctx.credentials())
                        .endpointOverride(ctx.endpoint().orElse(null))
                        .forcePathStyle(local)
                        .accelerate(fast)
                        .minimumPartSizeInBytes(TransferSizes.PART_SIZE)
                        .thresholdInBytes(TransferSizes.MULTIPART_THRESHOLD)
                        .maxConcurrency(Math.max(concurrency, 8))
                        .maxNativeMemoryLimitInBytes(TransferSizes.CRT_NATIVE_MEMORY_LIMIT)
                        .retryConfiguration(r -> r.numRetries(retries))
                        .httpConfiguration(h -> h.proxyConfiguration(crtProxy(proxy)))
                        .build(); // the retry signal goes on the Transfer Manager's requests (customize)
                // the endpoint the CRT client resolved: the flag's, or the SDK's environment and profile settings
                singlePuts = new NativePuts(ctx.region(), crtClient.serviceClientConfiguration().endpointOverride(), local, fast,
                        ctx.credentials(), proxy, Math.max(concurrency, 8), retries);
                return new S3Transport(crtClient, ChecksumKind.CRC64NVME, true, local, crtRetries, singlePuts);
            } catch (Throwable e) { // UnsatisfiedLinkError, ExceptionInInitializerError, CrtRuntimeException
                if (singlePuts != null) {
                    singlePuts.close();
                }
                Throwable first = preloadFailure != null ? preloadFailure : e; // the cause, not "Could not initialize class"
                warnings.accept("warning: the AWS CRT native library cannot load here (" + firstLine(first)
                        + "); using the Java multipart client");
            }
        }
        RequestRetries retried = RequestRetries.perCall();
        S3AsyncClient java = ctx.configure(S3AsyncClient.builder())
                .forcePathStyle(local)
                .accelerate(fast)
                .multipartEnabled(true)
                .multipartConfiguration(m -> m.thresholdInBytes(TransferSizes.MULTIPART_THRESHOLD).minimumPartSizeInBytes(TransferSizes.PART_SIZE))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(Math.max(concurrency * 2, 16))
                        .proxyConfiguration(nettyProxy(proxy)))
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(!local).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(retries + 1)).addMetricPublisher(retried).build())
                .build();
        return new S3Transport(java, ChecksumKind.CRC32, false, false, retried);
    }

    private static volatile Throwable preloadFailure;
    private static final AtomicBoolean preloadStarted = new AtomicBoolean();

    /**
     * Loads the CRT's native library: from java.library.path (a bundle's lib/native), else extracted
     * from the jar to a temporary file, the C library named first ({@link CrtLibc}).
     */
    private static void loadNative() {
        CrtLibc.tellCrt();
        new software.amazon.awssdk.crt.checksums.CRC64NVME().update(new byte[] {1}, 0, 1);
    }

    /**
     * Starts loading the CRT's native library on a daemon thread, so that the scan and the preflight
     * overlap it instead of {@link #create} waiting for it (0.27 s of the time to the first object on
     * 100,000 files, measured); {@link #create} then finds it loaded, or waits for the load in progress
     * (class initialisation is done once, by one thread). A failure is left to {@link #create} to report.
     */
    public static void preloadNative() {
        if (!preloadStarted.compareAndSet(false, true)) {
            return; // already loading, or loaded
        }
        DaemonThreads.start("rmi360-crt-load", () -> {
            try {
                loadNative();
                StartupTrace.mark("CRT native loaded");
            } catch (Throwable e) {
                preloadFailure = e;
            }
        });
    }

    /**
     * The CRT reads HTTP(S)_PROXY natively unless told not to (its default with no proxy
     * configuration): off here, so {@link HttpProxy} alone decides, NO_PROXY included.
     */
    private static S3CrtProxyConfiguration crtProxy(Optional<HttpProxy> proxy) {
        S3CrtProxyConfiguration.Builder b = S3CrtProxyConfiguration.builder()
                .useEnvironmentVariableValues(false).useSystemPropertyValues(false);
        proxy.ifPresent(p -> b.scheme("http").host(p.host()).port(p.port()).username(p.username()).password(p.password()));
        return b.build();
    }

    private static ProxyConfiguration nettyProxy(Optional<HttpProxy> proxy) {
        ProxyConfiguration.Builder b = ProxyConfiguration.builder()
                .useEnvironmentVariableValues(false).useSystemPropertyValues(false);
        proxy.ifPresent(p -> b.scheme("http").host(p.host()).port(p.port()).username(p.username()).password(p.password()));
        return b.build();
    }

    public S3TransferManager transferManager() {
        return transferManager;
    }

    /** Who sends a file of {@code size} bytes as one PutObject without the SDK, or null for the Transfer Manager. */
    NativePuts singlePuts(long size) {
        return size < TransferSizes.SINGLE_PUT_BELOW ? singlePuts : null;
    }

    public S3AsyncClient client() {
        return client;
    }

    public ChecksumKind checksumKind() {
        return checksumKind;
    }

    /** Request retries so far, on every client (see {@link RequestRetries}). */
    public OptionalLong retries() {
        return OptionalLong.of(retries.get() + (singlePuts == null ? 0 : singlePuts.retries()));
    }

    /** True on the CRT client, false on the Java fallback. */
    public boolean isCrt() {
        return crt;
    }

    /**
     * The SDK puts {@code Expect: 100-continue} on a PutObject (and UploadPart) from this Content-Length
     * on: {@code S3Configuration.expectContinueThresholdInBytes}' default in SDK 2.57; the CRT client
     * has no service configuration to change it. {@code WireBehaviourIT} fails if a smaller PUT gets it.
     */
    static final long SDK_EXPECT_CONTINUE_THRESHOLD = 1L << 20;

    /**
     * Adds the per-request settings a file of {@code size} bytes needs: no {@code Expect: 100-continue}
     * on a single PUT (below {@value TransferSizes#MULTIPART_THRESHOLD} bytes), against AWS as against an endpoint,
     * since the header costs each PUT one round trip before its body; none on multipart uploads either
     * with an endpoint override (S3Proxy mishandles it on CreateMultipartUpload). Multipart uploads to
     * AWS keep the SDK's default (the CRT copies the header onto each 8 MiB UploadPart, so a refused
     * part costs a round trip, not 8 MiB). Below the SDK's own threshold there is nothing to remove, and
     * no per-request plugin: each one rebuilds the client configuration for its request (~7 % of the
     * CPU of a run of 4 KiB files, profiled).
     */
    public PutObjectRequest.Builder customize(PutObjectRequest.Builder request, long size) {
        boolean single = size < TransferSizes.MULTIPART_THRESHOLD;
        boolean strip = size >= SDK_EXPECT_CONTINUE_THRESHOLD && (single || stripExpect);
        // the Java client's publisher is client-wide; NativePuts count every request's retries
        boolean watch = crt && singlePuts(size) == null;
        if (strip || watch) {
            request.overrideConfiguration(o -> {
                if (strip) {
                    o.addPlugin(STRIP_EXPECT);
                }
                if (watch) {
                    o.addMetricPublisher(retries); // the CRT's native retries, seen from Java (RequestRetries)
                }
            });
        }
        return request;
    }

    private static final ExecutionInterceptor NO_EXPECT = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().firstMatchingHeader("Expect").isPresent()
                    ? context.httpRequest().toBuilder().removeHeader("Expect").build() : context.httpRequest();
        }
    };

    private static final SdkPlugin STRIP_EXPECT = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().addExecutionInterceptor(NO_EXPECT).build());

    @Override
    public void close() {
        transferManager.close();
        if (singlePuts != null) {
            singlePuts.close();
        }
        client.close();
        if (crt) {
            releaseCrt(CRT_RELEASE_WAIT);
        }
    }

    /** How long {@link #close} waits for the CRT's native threads to stop. */
    static final java.time.Duration CRT_RELEASE_WAIT = java.time.Duration.ofSeconds(3);

    /**
     * Lets the CRT's native threads stop before the JVM exits. The SDK's CRT client runs on the CRT's
     * static default event-loop group and host resolver, which nothing releases; closing the client
     * returns at once while its native shutdown goes on. At process exit the CRT's {@code atexit}
     * handler then waits up to 1 s for the threads still running (measured: 1.0-1.3 s between the
     * summary line and the exit, with {@code Runtime.halt} too, since it still runs the C library's
     * exit handlers). Releasing the static defaults and waiting for the native resources to drain
     * takes a few milliseconds instead. Bounded: a daemon thread waits, we give up after {@code max}
     * (another CRT client alive in the same JVM, as in tests, keeps the count above zero).
     */
    static void releaseCrt(java.time.Duration max) {
        Thread waiter = DaemonThreads.start("rmi360-crt-release", () -> {
            try {
                software.amazon.awssdk.crt.CrtResource.waitForNoResources();
            } catch (RuntimeException ignored) {
                // timeout inside the CRT: the atexit handler's own 1 s wait still bounds the exit
            }
        });
        try {
            waiter.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
