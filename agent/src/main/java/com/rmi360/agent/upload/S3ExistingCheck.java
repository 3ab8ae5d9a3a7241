package com.rmi360.agent.upload;

import com.rmi360.agent.upload.remote.RemoteCheck;
import com.rmi360.agent.upload.remote.RemoteState;
import com.rmi360.agent.upload.scan.FileTask;
import com.rmi360.agent.upload.transport.ChecksumKind;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@link FilePipeline.ExistingCheck} by HEAD on the bucket: does a key exist, does it hold the file's bytes. */
final class S3ExistingCheck implements FilePipeline.ExistingCheck {

    private final S3Client s3;
    private final String bucket;
    private final ChecksumKind checksumKind;

    S3ExistingCheck(S3Client s3, String bucket, ChecksumKind checksumKind) {
        this.s3 = s3;
        this.bucket = bucket;
        this.checksumKind = checksumKind;
    }

    /** HEAD of an object that exists (a 412 on the conditional write): its bytes checked against the file. */
    @Override
    public String sameBytes(FileTask t) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(t.key()));
            if (head.contentLength() == null || head.contentLength() != t.size()) {
                return null;
            }
            String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
            return RemoteCheck.verify(s3, bucket, t.key(), t.file(), new RemoteState.Remote(t.size(), etag), checksumKind);
        } catch (SdkException e) {
            return null;
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
