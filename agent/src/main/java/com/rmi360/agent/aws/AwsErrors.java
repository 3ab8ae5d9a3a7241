package com.rmi360.agent.aws;

import static com.rmi360.agent.error.Errors.firstLine;

import java.util.Locale;
import java.util.Set;

import com.rmi360.agent.error.CredentialsException;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Maps SDK failures to one-line {@link UserError}s: rejected or missing credentials → exit 3,
 * an endpoint that cannot be reached → exit 2, any other AWS error → exit 1. Messages carry the
 * AWS error code and the first line of the SDK message, never request data or keys.
 */
public final class AwsErrors {

    private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException",
            "InvalidToken", "AuthFailure", "IncompleteSignature", "MissingAuthenticationToken");

    private AwsErrors() {
    }

    /**
     * @param action what was attempted, e.g. {@code "STS GetCallerIdentity"}
     * @param source where the credentials came from ({@link AwsContext#credentialSource()})
     */
    public static UserError translate(SdkException e, String action, String source) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            String detail = (code == null ? "HTTP " + service.statusCode() : code)
                    + (message == null || message.isBlank() ? "" : ": " + firstLine(message));
            if ((code != null && CREDENTIAL_CODES.contains(code)) || service.statusCode() == 401) {
                return new CredentialsException(action + ": AWS rejected the credentials from " + source + " ("
                        + detail + ")", e);
            }
            if (service.statusCode() == 403) {
                return new UserError(ExitCodes.CREDENTIALS, action + ": access denied for the credentials from "
                        + source + " (" + detail + ")", e);
            }
            return new UserError(ExitCodes.SOME_FAILED, action + " failed (" + detail + ")", e);
        }
        String message = firstLine(String.valueOf(e.getMessage()));
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof SdkClientException && (lower.contains("unable to load credentials")
                || lower.contains("unable to load aws credentials") || lower.contains("profile file contained no credentials")
                || lower.contains("no aws credentials") || lower.contains("token") && lower.contains("sso"))) {
            return new CredentialsException(action + ": no AWS credentials found (" + source
                    + "); run `rmi360 credentials set` and set aws.auth_mode: keyring, or use --profile", e);
        }
        if (e instanceof SdkClientException && (lower.contains("unable to execute http request")
                || lower.contains("connect") || lower.contains("unknownhost") || lower.contains("timed out"))) {
            return new UserError(ExitCodes.USAGE, action + ": cannot reach the AWS endpoint (" + message + ")", e);
        }
        return new UserError(ExitCodes.SOME_FAILED, action + " failed (" + message + ")", e);
    }
}
