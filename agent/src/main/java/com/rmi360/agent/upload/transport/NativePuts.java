package com.rmi360.agent.upload.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.rmi360.agent.aws.HttpProxy;
import com.rmi360.agent.upload.flight.Progress;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.auth.credentials.Credentials;
import software.amazon.awssdk.crt.auth.credentials.CredentialsProvider;
import software.amazon.awssdk.crt.auth.credentials.DelegateCredentialsProvider;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpProxyEnvironmentVariableSetting;
import software.amazon.awssdk.crt.http.HttpProxyOptions;
import software.amazon.awssdk.crt.http.HttpRequest;
import software.amazon.awssdk.crt.io.ClientBootstrap;
import software.amazon.awssdk.crt.io.ExponentialBackoffRetryOptions;
import software.amazon.awssdk.crt.io.StandardRetryOptions;
import software.amazon.awssdk.crt.io.TlsContext;
import software.amazon.awssdk.crt.s3.S3Client;
import software.amazon.awssdk.crt.s3.S3ClientOptions;
import software.amazon.awssdk.crt.s3.S3FinishedResponseContext;
import software.amazon.awssdk.crt.s3.S3MetaRequest;
import software.amazon.awssdk.crt.s3.S3MetaRequestOptions;
import software.amazon.awssdk.crt.s3.S3MetaRequestResponseHandler;
import software.amazon.awssdk.crt.s3.S3RequestMetrics;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.transfer.s3.model.CompletedUpload;
import software.amazon.awssdk.transfer.s3.model.ObjectTransfer;
import software.amazon.awssdk.transfer.s3.progress.TransferProgress;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Small files' single PUTs as CRT meta-requests made directly on a CRT S3 client of their own,
 * without the SDK's Java request pipeline (interceptors, marshalling, execution attributes, auth
 * scheme, metrics, the response executor): that pipeline was about half the CPU of a run of 4 KiB
 * files, and this path a third of the whole run's CPU (docs/benchmarks.md). The CRT still signs
 * (SigV4, with the SDK's credentials provider behind it), retries and pools connections natively.
 *
 * <p>What the SDK decided per request is decided once per bucket here, with the SDK's own S3
 * endpoint rules: region, endpoint override (the flag or the SDK's environment and profile
 * settings, as the CRT S3 client resolved them), path style with an override, acceleration, FIPS and
 * dual-stack as the SDK reads them ({@link EndpointVariants}). The
 * request carries the same headers the SDK sent for such a PutObject: Content-Type, the file's own
 * checksum (x-amz-checksum-crc64nvme, which S3 checks), If-None-Match, the storage class; no
 * {@code Expect}. Retries are counted from the CRT's per-attempt telemetry, every request, as
 * {@link RequestRetries#perAttempt} counts them; failures become what the SDK would have raised
 * ({@link NativePutFailure}).
 */
final class NativePuts implements AutoCloseable {

    private final S3Client client;
    private final CredentialsProvider credentials;
    private final TlsContext tls;
    private final Region region;
    private final Optional<URI> endpointOverride;
    private final boolean pathStyle;
    private final boolean accelerate;
    private final EndpointVariants variants = EndpointVariants.ofSdkSettings();
    private final AtomicLong retries = new AtomicLong();
    private final Map<String, URI> bases = new ConcurrentHashMap<>();

    /**
     * @param endpointOverride the endpoint the SDK clients use instead of AWS's, if any
     * @param connections      connections at most (one per file in flight)
     * @param retryCount       request retries the CRT makes before a request fails
     */
    NativePuts(Region region, Optional<URI> endpointOverride, boolean pathStyle, boolean accelerate,
               AwsCredentialsProvider sdkCredentials, Optional<HttpProxy> proxy, int connections, int retryCount) {
        this.region = region;
        this.endpointOverride = endpointOverride;
        this.pathStyle = pathStyle;
        this.accelerate = accelerate;
        this.credentials = new DelegateCredentialsProvider.DelegateCredentialsProviderBuilder()
                .withHandler(() -> crt(sdkCredentials.resolveCredentials())).build();
        // TLS only where the endpoint needs it (its CA store takes a moment to load, on the way to the first object)
        this.tls = endpointOverride.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(true) ? new TlsContext() : null;
        HttpProxyEnvironmentVariableSetting noEnvironment = new HttpProxyEnvironmentVariableSetting();
        noEnvironment.setEnvironmentVariableType(HttpProxyEnvironmentVariableSetting.HttpProxyEnvironmentVariableType.DISABLED);
        S3ClientOptions options = new S3ClientOptions().withRegion(region.id())
                .withClientBootstrap(ClientBootstrap.getOrCreateStaticDefault())
                .withCredentialsProvider(credentials)
                .withPartSize(TransferSizes.SINGLE_PUT_BELOW)
                .withMultipartUploadThreshold(TransferSizes.MULTIPART_THRESHOLD)
                .withMaxConnections(connections)
                .withMemoryLimitInBytes(TransferSizes.CRT_NATIVE_MEMORY_LIMIT)
                .withComputeContentMd5(false)
                .withStandardRetryOptions(new StandardRetryOptions()
                        .withBackoffRetryOptions(new ExponentialBackoffRetryOptions().withMaxRetries(retryCount)))
                .withProxyEnvironmentVariableSetting(noEnvironment);
        if (tls != null) {
            options.withTlsContext(tls);
        }
        proxy.ifPresent(p -> options.withProxyOptions(proxyOptions(p)));
        this.client = new S3Client(options);
    }

    private static HttpProxyOptions proxyOptions(HttpProxy p) {
        HttpProxyOptions o = new HttpProxyOptions();
        o.setHost(p.host());
        o.setPort(p.port());
        if (p.username() != null) {
            o.setAuthorizationType(HttpProxyOptions.HttpProxyAuthorizationType.Basic);
            o.setAuthorizationUsername(p.username());
            o.setAuthorizationPassword(p.password());
        }
        return o;
    }

    private static Credentials crt(AwsCredentials c) {
        byte[] token = c instanceof AwsSessionCredentials s ? s.sessionToken().getBytes(StandardCharsets.UTF_8) : null;
        return new Credentials(c.accessKeyId().getBytes(StandardCharsets.UTF_8),
                c.secretAccessKey().getBytes(StandardCharsets.UTF_8), token);
    }

    /** Request retries so far (each attempt after a request's first). */
    long retries() {
        return retries.get();
    }

    /** Where a bucket's objects go: the URL the SDK's S3 endpoint rules give for it (path style: ending in the bucket). */
    URI base(String bucket) {
        return bases.computeIfAbsent(bucket, b -> base(region, b, endpointOverride, pathStyle, accelerate, variants));
    }

    static URI base(Region region, String bucket, Optional<URI> endpointOverride, boolean pathStyle, boolean accelerate,
                    EndpointVariants variants) {
        return S3EndpointProvider.defaultProvider().resolveEndpoint(S3EndpointParams.builder()
                .region(region).bucket(bucket).forcePathStyle(pathStyle).accelerate(accelerate)
                .useFips(variants.fips()).useDualStack(variants.dualStack())
                .endpoint(endpointOverride.map(URI::toString).orElse(null)).build()).join().url();
    }

    /** Starts one attempt at {@code file} as {@code put}; its bytes count on {@code progress} once S3 has them. */
    Attempt start(PutObjectRequest put, Path file, long size, Progress progress, AtomicLong seen) {
        URI base = base(put.bucket());
        String path = (base.getRawPath() == null ? "" : base.getRawPath()) + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(put.key());
        List<HttpHeader> headers = new ArrayList<>(8);
        headers.add(new HttpHeader("Host", base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort()));
        headers.add(new HttpHeader("Content-Length", Long.toString(size)));
        headers.add(new HttpHeader("Content-Type", put.contentType()));
        if (put.checksumCRC64NVME() != null) {
            headers.add(new HttpHeader("x-amz-sdk-checksum-algorithm", "CRC64NVME"));
            headers.add(new HttpHeader("x-amz-checksum-crc64nvme", put.checksumCRC64NVME()));
        }
        if (put.ifNoneMatch() != null) {
            headers.add(new HttpHeader("If-None-Match", put.ifNoneMatch()));
        }
        if (put.storageClassAsString() != null) {
            headers.add(new HttpHeader("x-amz-storage-class", put.storageClassAsString()));
        }
        CompletableFuture<PutObjectResponse> response = new CompletableFuture<>();
        S3MetaRequest request = client.makeMetaRequest(new S3MetaRequestOptions()
                .withMetaRequestType(S3MetaRequestOptions.MetaRequestType.PUT_OBJECT)
                .withHttpRequest(new HttpRequest("PUT", path, headers.toArray(new HttpHeader[0]), null))
                .withRequestFilePath(file)
                .withEndpoint(URI.create(base.getScheme() + "://" + base.getRawAuthority()))
                .withResponseHandler(new Handler(response, put.key())));
        response.whenComplete((r, failure) -> request.close());
        CompletableFuture<PutObjectResponse> counted = response.thenApply(r -> {
            progress.bytesSent.addAndGet(size - seen.getAndSet(size));
            return r;
        });
        CompletableFuture<CompletedUpload> done = counted.thenApply(r -> CompletedUpload.builder().response(r).build());
        done.whenComplete((r, failure) -> {
            if (failure instanceof CancellationException) {
                request.cancel();
            }
        });
        return new Attempt(new Transfer(done), counted);
    }

    /** The attempt as the pipeline holds it: cancelling its future cancels the request. */
    private record Transfer(CompletableFuture<CompletedUpload> completionFuture) implements ObjectTransfer {
        @Override
        public TransferProgress progress() {
            throw new UnsupportedOperationException("a single PUT reports its bytes when done");
        }
    }

    /** Collects the answer's checksum and ETag, counts retries, completes the response. Called on CRT threads. */
    private final class Handler implements S3MetaRequestResponseHandler {
        private final CompletableFuture<PutObjectResponse> response;
        private final String key;
        private volatile String checksum;
        private volatile String etag;

        Handler(CompletableFuture<PutObjectResponse> response, String key) {
            this.response = response;
            this.key = key;
        }

        @Override
        public void onResponseHeaders(int status, HttpHeader[] headers) {
            for (HttpHeader h : headers) {
                if (h.getName().equalsIgnoreCase("x-amz-checksum-crc64nvme")) {
                    checksum = h.getValue();
                } else if (h.getName().equalsIgnoreCase("ETag")) {
                    etag = h.getValue();
                }
            }
        }

        @Override
        public void onTelemetry(S3RequestMetrics metrics) {
            if (metrics.getRetryCount() > 0) {
                retries.incrementAndGet();
            }
        }

        @Override
        public void onFinished(S3FinishedResponseContext context) {
            int code = context.getErrorCode();
            if (code == 0) {
                response.complete(PutObjectResponse.builder().checksumCRC64NVME(checksum).eTag(etag).build());
            } else {
                response.completeExceptionally(NativePutFailure.of(CRT.awsErrorName(code), CRT.awsErrorString(code),
                        context.getResponseStatus(), context.getErrorPayload(), context.getCause(), key));
            }
        }
    }

    @Override
    public void close() {
        client.close();
        credentials.close();
        if (tls != null) {
            tls.close();
        }
    }
}
