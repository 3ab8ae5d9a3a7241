package com.rmi360.agent.aws;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;

import com.rmi360.monitor.model.StatusKeys;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * A private status page as a link to send: a presigned GET of {@code status/<slug>.html}, signed
 * (SigV4, locally, no request) with the agent's own credentials. Anyone holding the link can read
 * that one object until it expires; nothing else.
 *
 * <p>Limits: SigV4 accepts at most {@link #MAX_EXPIRY} (7 days), which is what an IAM user's access
 * key gets. Temporary credentials (a session token: SSO, an assumed role, an EC2 instance role)
 * sign links that stop working when the session ends, usually after 1 to 12 hours, whatever the
 * requested expiry: {@link Link#temporaryCredentials()} says so.
 */
public final class StatusLink {

    /** The longest expiry SigV4 presigned URLs accept. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);

    /**
     * @param url                  the presigned URL
     * @param expires              when it stops working at the latest
     * @param temporaryCredentials signed with session credentials: it stops working with them
     */
    public record Link(URL url, Instant expires, boolean temporaryCredentials) {
    }

    private StatusLink() {
    }

    /**
     * Presigns a GET of the project's page.
     *
     * @param expiry between 1 second and {@link #MAX_EXPIRY}
     * @throws IllegalArgumentException for an expiry outside that range
     */
    public static Link presign(AwsContext ctx, String bucket, String slug, Duration expiry, Instant now) {
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("the expiry must be between 1 second and 7 days, got " + expiry);
        }
        boolean temporary = ctx.credentials().resolveCredentials() instanceof AwsSessionCredentials;
        S3Presigner.Builder builder = S3Presigner.builder().region(ctx.region()).credentialsProvider(ctx.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(ctx.pathStyle()).build());
        ctx.endpoint().ifPresent(builder::endpointOverride);
        try (S3Presigner presigner = builder.build()) {
            PresignedGetObjectRequest presigned = presigner.presignGetObject(b -> b.signatureDuration(expiry)
                    .getObjectRequest(g -> g.bucket(bucket).key(StatusKeys.page(slug))));
            return new Link(presigned.url(), now.plus(expiry), temporary);
        }
    }
}
