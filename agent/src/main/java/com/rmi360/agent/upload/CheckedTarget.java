package com.rmi360.agent.upload;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;

import com.rmi360.agent.aws.AwsClients;
import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.aws.AwsErrors;
import com.rmi360.agent.error.UserError;
import com.rmi360.agent.thread.DaemonThreads;
import com.rmi360.monitor.model.StatusKeys;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * A target that passed the preflight, with what a run needs of it: the S3Client that checked it,
 * the transport being built and the leftovers' listing under way. {@link #close} closes the clients,
 * never the target (whoever opened it closes it).
 */
public final class CheckedTarget implements AutoCloseable {

    private final UploadTarget target;
    private final S3Client s3;
    private final PendingTransport transport;
    private final CompletableFuture<MultipartLeftovers> leftovers;

    private CheckedTarget(UploadTarget target, S3Client s3, PendingTransport transport,
                          CompletableFuture<MultipartLeftovers> leftovers) {
        this.target = target;
        this.s3 = s3;
        this.transport = transport;
        this.leftovers = leftovers;
    }

    /**
     * Starts the transport's build, builds the S3Client, starts the leftovers' listing and runs the
     * preflight beside it (one round trip less before the first PUT; both finish before any upload of
     * this run starts, so all it lists are leftovers). On a failure everything built is closed.
     *
     * @param javaClient the Java multipart client instead of the CRT (RMI360_NO_CRT)
     * @param err where the transport's held warnings go once the run takes it
     */
    static CheckedTarget connect(UploadTarget target, UploadOptions options, boolean javaClient, PrintWriter err) {
        AwsContext ctx = target.aws();
        // Under a bandwidth cap the Java client: the CRT polls a request body that has no bytes ready in a
        // busy loop, which a throttled body mostly is (measured 10 CPU s vs 3.6 on the Java client for
        // 50 MiB at 2 MiB/s; docs/upload.md). Uncapped runs keep the CRT.
        boolean java = javaClient || options.bwlimit() > 0;
        PendingTransport transport = PendingTransport.start(warnings -> S3Transport.create(ctx,
                FilesInFlight.maxFiles(options), options.retries(), java, target.accelerate(), warnings), err);
        S3Client s3;
        try {
            s3 = new AwsClients(ctx).s3();
        } catch (RuntimeException | Error e) {
            transport.close();
            throw e;
        }
        StartupTrace.mark("S3Client built");
        CompletableFuture<MultipartLeftovers> leftovers = CompletableFuture.supplyAsync(
                () -> MultipartLeftovers.list(s3, options.bucket(), options.keys().listPrefix()), DaemonThreads.threadPerTask("rmi360-leftovers"));
        CheckedTarget checked = new CheckedTarget(target, s3, transport, leftovers);
        try {
            preflight(s3, ctx, options);
        } catch (RuntimeException | Error e) {
            checked.close();
            throw e;
        }
        StartupTrace.mark("preflight ListObjectsV2 done");
        return checked;
    }

    /**
     * ListBucket on one small key range: checks endpoint, credentials and bucket in one cheap request
     * (listing the image prefix itself is slow on local servers holding 100,000 objects).
     */
    private static void preflight(S3Client s3, AwsContext ctx, UploadOptions options) {
        try {
            s3.listObjectsV2(b -> b.bucket(options.bucket()).prefix(StatusKeys.heartbeat(options.slug())).maxKeys(1));
        } catch (NoSuchBucketException e) {
            throw UserError.usage("bucket " + options.bucket() + " does not exist");
        } catch (SdkException e) {
            String action = "S3 ListObjectsV2 on s3://" + options.bucket();
            throw AwsErrors.translate(e, ctx.proxyFor("s3").map(p -> action + " through the proxy " + p).orElse(action),
                    ctx.credentialSource());
        }
    }

    /** The target that was checked. */
    public UploadTarget target() {
        return target;
    }

    S3Client s3() {
        return s3;
    }

    PendingTransport transport() {
        return transport;
    }

    /** The leftovers' listing (done or not). */
    MultipartLeftovers leftovers() {
        return leftovers.join();
    }

    /** Waits for the leftovers' listing (no request outlives the client), closes the S3Client and an untaken transport. */
    @Override
    public void close() {
        try {
            leftovers.exceptionally(ignored -> null).join();
        } finally {
            try {
                s3.close();
            } finally {
                transport.close();
            }
        }
    }
}
