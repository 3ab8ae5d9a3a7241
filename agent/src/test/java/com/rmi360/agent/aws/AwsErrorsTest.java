package com.rmi360.agent.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.error.UserError;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

    private static AwsServiceException service(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void rejectedKeysAreCredentialErrors() {
        UserError error = AwsErrors.translate(service(403, "InvalidClientTokenId", "The security token is invalid.\nmore"),
                "STS GetCallerIdentity", "keyring service 'x'");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(error.getMessage()).isEqualTo("STS GetCallerIdentity: AWS rejected the credentials from keyring"
                + " service 'x' (InvalidClientTokenId: The security token is invalid.)");
    }

    @Test
    void accessDeniedIsExitThreeToo() {
        UserError error = AwsErrors.translate(service(403, "AccessDenied", "nope"), "S3 PutObject", "profile 'p'");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(error.getMessage()).startsWith("S3 PutObject: access denied for the credentials from profile 'p'");
    }

    @Test
    void otherServiceErrorsAreExitOne() {
        UserError error = AwsErrors.translate(service(404, "NoSuchBucket", "gone"), "S3 PutObject", "x");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(error.getMessage()).isEqualTo("S3 PutObject failed (NoSuchBucket: gone)");
    }

    @Test
    void missingCredentialsAreExitThree() {
        UserError error = AwsErrors.translate(SdkClientException.create("Unable to load credentials from any of the"
                + " providers in the chain"), "STS GetCallerIdentity", "SDK default chain");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.CREDENTIALS);
        assertThat(error.getMessage()).contains("no AWS credentials found (SDK default chain)");
    }

    @Test
    void unreachableEndpointIsExitTwo() {
        UserError error = AwsErrors.translate(SdkClientException.create("Unable to execute HTTP request: Connection"
                + " refused"), "S3 ListObjectsV2", "x");
        assertThat(error.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(error.getMessage()).startsWith("S3 ListObjectsV2: cannot reach the AWS endpoint");
    }
}
