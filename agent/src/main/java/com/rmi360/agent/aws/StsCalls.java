package com.rmi360.agent.aws;

import java.time.Instant;

import com.rmi360.agent.credentials.AwsKeys;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The two STS calls the credentials commands make; failures become one-line UserErrors. */
public final class StsCalls {

    /** Who the credentials belong to. */
    public record Identity(String account, String arn, String userId) {
    }

    /** Temporary credentials from GetSessionToken and when they expire. */
    public record Session(AwsKeys keys, Instant expiration) {
    }

    private StsCalls() {
    }

    /** STS GetCallerIdentity with the context's credentials. */
    public static Identity callerIdentity(AwsContext context) {
        try (StsClient sts = new AwsClients(context).sts()) {
            GetCallerIdentityResponse response = sts.getCallerIdentity();
            return new Identity(response.account(), response.arn(), response.userId());
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "STS GetCallerIdentity", context.credentialSource());
        }
    }

    /** STS GetSessionToken for {@code durationSeconds} (900 .. 129600). */
    public static Session sessionToken(AwsContext context, int durationSeconds) {
        try (StsClient sts = new AwsClients(context).sts()) {
            Credentials c = sts.getSessionToken(b -> b.durationSeconds(durationSeconds)).credentials();
            return new Session(new AwsKeys(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()), c.expiration());
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "STS GetSessionToken", context.credentialSource());
        }
    }
}
