package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FailuresTest {

    @Test
    void unwrapDigsUnderCompletionAndExecutionWrappers() {
        IOException root = new IOException("reset");
        assertThat(Failures.unwrap(new CompletionException(new ExecutionException(new CompletionException(root)))))
                .isSameAs(root);
        assertThat(Failures.unwrap(root)).isSameAs(root);
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(Failures.unwrap(empty)).isSameAs(empty);
        // Other wrappers are the cause as far as the wording goes.
        UncheckedIOException unchecked = new UncheckedIOException(root);
        assertThat(Failures.unwrap(new CompletionException(unchecked))).isSameAs(unchecked);
    }

    @Test
    void cancelLikeIsACancellationOrAMessageAboutCancelOrAbort() {
        assertThat(Failures.cancelLike(new CancellationException())).isTrue();
        assertThat(Failures.cancelLike(SdkClientException.create("Request was Aborted by the client"))).isTrue();
        assertThat(Failures.cancelLike(new IOException("upload CANCELLED"))).isTrue();
        assertThat(Failures.cancelLike(new IOException("Connection reset"))).isFalse();
        assertThat(Failures.cancelLike(new IOException())).isFalse();
    }

    @Test
    void describeNamesFileProblemsWhereverTheyAreInTheChain() {
        assertThat(Failures.describe(new NoSuchFileException("/x/a.jpg"))).isEqualTo("vanished before it could be read");
        assertThat(Failures.describe(new AccessDeniedException("/x/a.jpg"))).isEqualTo("permission denied");
        assertThat(Failures.describe(SdkClientException.create("Unable to execute HTTP request",
                new UncheckedIOException(new NoSuchFileException("/x/a.jpg"))))).isEqualTo("vanished before it could be read");
        assertThat(Failures.describe(SdkClientException.create("Unable to execute HTTP request",
                new AccessDeniedException("/x/a.jpg")))).isEqualTo("permission denied");
    }

    @Test
    void describeGivesS3sErrorCodeOrElseTheHttpStatus() {
        S3Exception denied = (S3Exception) S3Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
                .message("Access Denied (Service: S3, Status Code: 403)").build();
        assertThat(Failures.describe(denied)).isEqualTo("S3 refused the upload (AccessDenied)");
        S3Exception bare = (S3Exception) S3Exception.builder().statusCode(503).message("slow down").build();
        assertThat(Failures.describe(bare)).isEqualTo("S3 refused the upload (HTTP 503)");
    }

    @Test
    void describeOtherwiseUsesTheFirstLineOrTheClassName() {
        assertThat(Failures.describe(new IOException("  Connection reset by peer  \n\tat some.Frame(Frame.java:1)")))
                .isEqualTo("Connection reset by peer");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Failures.describe(SdkClientException.create("Unable to execute HTTP request: timeout",
                new IOException("timeout")))).isEqualTo("Unable to execute HTTP request: timeout");
    }
}
