package com.rmi360.agent.upload.transport;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a failed {@link NativePuts} request becomes, so that the rest of the pipeline sees what the
 * SDK would have given it: an HTTP answer an {@link S3Exception} with its status and S3's error code
 * (a 412 for a conditional PUT, a 503 SlowDown, a 403), a cancel a {@link CancellationException}, a
 * file that vanished or cannot be read the {@link java.nio.file.FileSystemException} it is, and any
 * other CRT error (reset, timeout, refused) an {@link SdkClientException} naming it.
 */
final class NativePutFailure {

    private NativePutFailure() {
    }

    /**
     * @param errorName the CRT's error name ({@code AWS_ERROR_S3_INVALID_RESPONSE_STATUS}, ...)
     * @param status    the HTTP status, 0 when there was no answer
     * @param payload   the error response's body, or null
     */
    static Throwable of(String errorName, String errorText, int status, byte[] payload, Throwable cause, String key) {
        if (status == 0 && "AWS_ERROR_S3_SLOW_DOWN".equals(errorName)) {
            status = 503; // the CRT reports a throttled request's last answer by its error alone
        } else if (status == 0 && "AWS_ERROR_S3_INTERNAL_ERROR".equals(errorName)) {
            status = 500;
        }
        if (status > 0) {
            String body = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
            String code = element(body, "Code");
            if (code == null && status == 503) {
                code = "SlowDown";
            }
            String message = element(body, "Message");
            return S3Exception.builder().statusCode(status)
                    .message((message == null ? "HTTP " + status : message) + " (Service: S3, Status Code: " + status + ")")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3").build())
                    .build();
        }
        if ("AWS_ERROR_S3_CANCELED".equals(errorName)) {
            return new CancellationException("cancelled");
        }
        if ("AWS_ERROR_FILE_INVALID_PATH".equals(errorName)) {
            return SdkClientException.create(errorText, new NoSuchFileException(key));
        }
        if ("AWS_ERROR_NO_PERMISSION".equals(errorName)) {
            return SdkClientException.create(errorText, new AccessDeniedException(key));
        }
        return SdkClientException.create("Failed to send the request: " + errorText + " (" + errorName + ")", cause);
    }

    private static String element(String xml, String name) {
        int a = xml.indexOf("<" + name + ">");
        int b = a < 0 ? -1 : xml.indexOf("</" + name + ">", a);
        return a < 0 || b < 0 ? null : xml.substring(a + name.length() + 2, b);
    }
}
