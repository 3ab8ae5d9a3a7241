package com.rmi360.agent.upload.remote;

import static com.rmi360.agent.error.Errors.firstLine;

import java.io.PrintWriter;

import com.rmi360.agent.aws.AwsContext;
import com.rmi360.agent.error.UserError;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAccelerateStatus;

/**
 * Preflight for {@code --accelerate}: the bucket's accelerate configuration must be Enabled (S3
 * rejects every request to the accelerate endpoint otherwise). When the check itself cannot run
 * (no s3:GetAccelerateConfiguration permission, a server without the API), one warning line and
 * the upload goes on.
 */
public final class AccelerationCheck {

    private AccelerationCheck() {
    }

    public static void check(S3Client s3, String bucket, AwsContext ctx, PrintWriter err) {
        BucketAccelerateStatus status;
        try {
            status = s3.getBucketAccelerateConfiguration(b -> b.bucket(bucket)).status();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            err.println("warning: cannot check Transfer Acceleration on s3://" + bucket + " (" + code
                    + "); uploading through the accelerate endpoint anyway");
            err.flush();
            return;
        } catch (SdkException e) {
            err.println("warning: cannot check Transfer Acceleration on s3://" + bucket + " (" + firstLine(e) + ")");
            err.flush();
            return;
        }
        if (status != BucketAccelerateStatus.ENABLED) {
            throw UserError.usage("s3://" + bucket + " does not have Transfer Acceleration enabled: set "
                    + "enable_acceleration = true in Terraform (make deploy), or drop --accelerate / aws.use_acceleration");
        }
        if (ctx.endpoint().isPresent()) {
            err.println("note: --accelerate checked on " + ctx.endpoint().get().getHost()
                    + ", but uploads go to the --endpoint-url server directly (accelerate endpoints are AWS-only)");
            err.flush();
        }
    }
}
