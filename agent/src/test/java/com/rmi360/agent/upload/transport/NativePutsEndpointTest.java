package com.rmi360.agent.upload.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A small file goes where the SDK sends a PutObject of the same bucket, with FIPS and dual-stack set
 * the way users set them for the SDK (here the system properties; the environment and the profile
 * come through the same SDK providers). The SDK's side is a real S3 client whose request is stopped
 * just before it would go on the wire.
 */
class NativePutsEndpointTest {

    private static final String FIPS = "aws.useFipsEndpoint";
    private static final String DUAL_STACK = "aws.useDualstackEndpoint";

    /** Thrown by the interceptor: the request went no further. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped before transmission", null, false, false);
        }
    }

    @ParameterizedTest(name = "fips={0} dual-stack={1} accelerate={2}")
    @CsvSource({"false,false,false", "true,false,false", "false,true,false", "true,true,false", "false,true,true"})
    void smallFilesGoWhereTheSdkSendsThem(boolean fips, boolean dualStack, boolean accelerate) {
        String oldFips = System.getProperty(FIPS);
        String oldDualStack = System.getProperty(DUAL_STACK);
        System.setProperty(FIPS, Boolean.toString(fips));
        System.setProperty(DUAL_STACK, Boolean.toString(dualStack));
        try {
            EndpointVariants variants = EndpointVariants.ofSdkSettings();
            assertThat(variants).isEqualTo(new EndpointVariants(fips, dualStack));
            URI base = NativePuts.base(Region.US_GOV_WEST_1, "survey-bucket", Optional.empty(), false, accelerate, variants);
            assertThat(URI.create(base + "/ABC25101/IMG_0001.jpg")).isEqualTo(sdkPutUri(accelerate));
        } finally {
            restore(FIPS, oldFips);
            restore(DUAL_STACK, oldDualStack);
        }
    }

    private static URI sdkPutUri(boolean accelerate) {
        URI[] seen = new URI[1];
        try (S3Client s3 = S3Client.builder().region(Region.US_GOV_WEST_1).accelerate(accelerate)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "FAKE-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        seen[0] = context.httpRequest().getUri();
                        throw new Stopped();
                    }
                })).build()) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("survey-bucket").key("ABC25101/IMG_0001.jpg"),
                    RequestBody.fromString("x"))).isInstanceOf(Stopped.class);
        }
        return seen[0];
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }
}
