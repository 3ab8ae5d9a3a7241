package com.rmi360.agent.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rmi360.agent.credentials.KeyringCredentials;
import com.rmi360.agent.error.ExitCodes;
import com.rmi360.agent.testsupport.CliRun;
import com.rmi360.agent.testsupport.MemorySecretStore;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.testing.MotoServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAccelerateStatus;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * {@code --storage-class} / {@code aws.storage_class} and the {@code --accelerate} preflight
 * against moto_server. Moto, not S3Proxy: S3Proxy's in-memory store drops the storage class
 * (HEAD answers STANDARD whatever PutObject asked), moto keeps it for PutObject and
 * CreateMultipartUpload. HEAD checks a single-PUT and a multipart image on the CRT and on the Java
 * client, and the status files the same run writes.
 */
class UploadSettingsIT {

    static MotoServer moto;
    static S3Client s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        moto = MotoServer.start(); // fails under CI=true, skips elsewhere, when moto_server is missing
        s3 = S3Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .build();
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            s3.close();
            moto.close();
        }
    }

    static CliRun cli() {
        return CliRun.with().store(new MemorySecretStore()
                .put("rmi360-test", KeyringCredentials.ID, MotoServer.ACCESS_KEY)
                .put("rmi360-test", KeyringCredentials.SECRET, MotoServer.SECRET_KEY));
    }

    private Path config(String bucket, String extra) throws Exception {
        Path cfg = tmp.resolve("config-" + bucket + ".yaml");
        Files.writeString(cfg, """
                project: {number: "25-101", slug: "SC", client: "Client"}
                aws:
                  region: us-east-1
                  s3_bucket: %s
                  auth_mode: keyring
                  keyring_service_name: rmi360-test
                %s""".formatted(bucket, extra));
        return cfg;
    }

    private CliRun.Result upload(CliRun cli, Path cfg, Path src, String... extra) {
        List<String> args = new ArrayList<>(List.of("upload", "--config", cfg.toString(), "--endpoint-url",
                moto.endpoint().toString(), "--progress", "none", "--monitor-function-arn",
                "arn:aws:lambda:us-east-1:123456789012:function:ProgressMonitor", src.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private static StorageClass head(String bucket, String key) {
        StorageClass sc = s3.headObject(b -> b.bucket(bucket).key(key)).storageClass();
        return sc == null ? StorageClass.STANDARD : sc; // S3 sends no header for STANDARD
    }

    private Path images(String name) throws Exception {
        Path src = Files.createDirectories(tmp.resolve(name));
        UploadTree.file(src, "small.jpg", 4096, 1);
        UploadTree.file(src, "cam/big.jpg", 20 << 20, 2); // multipart: above the 16 MiB threshold
        return src;
    }

    @Test
    void flagSetsTheClassOfSmallAndMultipartImagesAndStatusFilesStayStandard() throws Exception {
        s3.createBucket(b -> b.bucket("sc-crt"));
        CliRun.Result r = upload(cli(), config("sc-crt", ""), images("crt"), "--storage-class", "standard_ia",
                "--machine", "sc-box");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(head("sc-crt", "SC/small.jpg")).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(head("sc-crt", "SC/cam/big.jpg")).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(head("sc-crt", StatusKeys.progress("SC"))).isEqualTo(StorageClass.STANDARD);
        assertThat(head("sc-crt", StatusKeys.machineHeartbeat("SC", "sc-box"))).isEqualTo(StorageClass.STANDARD);
        assertThat(head("sc-crt", StatusKeys.manifest("SC", "sc-box"))).isEqualTo(StorageClass.STANDARD);
    }

    @Test
    void configKeySetsTheClassOnTheJavaClientAndNoneMeansStandard() throws Exception {
        s3.createBucket(b -> b.bucket("sc-java"));
        Path src = images("java");
        CliRun.Result r = upload(cli().env("RMI360_NO_CRT", "1"), config("sc-java", "  storage_class: GLACIER_IR\n"), src,
                "--no-monitor");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(head("sc-java", "SC/small.jpg")).isEqualTo(StorageClass.GLACIER_IR);
        assertThat(head("sc-java", "SC/cam/big.jpg")).isEqualTo(StorageClass.GLACIER_IR);

        s3.createBucket(b -> b.bucket("sc-default"));
        CliRun.Result d = upload(cli(), config("sc-default", ""), src, "--no-monitor");
        assertThat(d.exitCode()).as(d.toString()).isEqualTo(ExitCodes.OK);
        assertThat(s3.headObject(b -> b.bucket("sc-default").key("SC/small.jpg")).storageClass()).isNull();
        assertThat(s3.headObject(b -> b.bucket("sc-default").key("SC/cam/big.jpg")).storageClass()).isNull();
    }

    @Test
    void badClassIsOneLineAndExit2BeforeAnyRequest() throws Exception {
        s3.createBucket(b -> b.bucket("sc-bad"));
        Path src = images("bad");
        CliRun.Result flag = upload(cli(), config("sc-bad", ""), src, "--storage-class", "CHEAP");
        assertThat(flag.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err().strip().lines()).singleElement().asString()
                .contains("--storage-class 'CHEAP' is not a storage class").contains("GLACIER_IR");
        CliRun.Result key = upload(cli(), config("sc-bad", "  storage_class: FAST\n"), src);
        assertThat(key.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(key.err().strip().lines()).singleElement().asString().contains("aws.storage_class 'FAST' is not a storage class");
        assertThat(s3.listObjectsV2(b -> b.bucket("sc-bad")).keyCount()).isZero();
    }

    /** The accelerate endpoint is AWS-only: here the preflight runs on moto, the upload goes to moto directly. */
    @Test
    void accelerateNeedsTheBucketSettingAndSaysSoInOneLine() throws Exception {
        s3.createBucket(b -> b.bucket("accel"));
        Path src = Files.createDirectories(tmp.resolve("accel"));
        UploadTree.file(src, "a.jpg", 4096, 3);

        CliRun.Result off = upload(cli(), config("accel", ""), src, "--accelerate", "--no-monitor");
        assertThat(off.exitCode()).as(off.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(off.err().strip().lines()).singleElement().asString()
                .contains("s3://accel does not have Transfer Acceleration enabled").contains("enable_acceleration");
        assertThat(s3.listObjectsV2(b -> b.bucket("accel")).keyCount()).isZero();

        CliRun.Result keyOff = upload(cli(), config("accel", "  use_acceleration: true\n"), src, "--no-monitor");
        assertThat(keyOff.exitCode()).as("aws.use_acceleration runs the same preflight").isEqualTo(ExitCodes.USAGE);

        s3.putBucketAccelerateConfiguration(b -> b.bucket("accel").accelerateConfiguration(
                c -> c.status(BucketAccelerateStatus.ENABLED)));
        CliRun.Result on = upload(cli(), config("accel", ""), src, "--accelerate", "--no-monitor");
        assertThat(on.exitCode()).as(on.toString()).isEqualTo(ExitCodes.OK);
        assertThat(on.err()).contains("accelerate endpoints are AWS-only");
        assertThat(head("accel", "SC/a.jpg")).isEqualTo(StorageClass.STANDARD);
    }

}
