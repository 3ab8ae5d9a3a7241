package com.rmi360.agent.upload.transport;

import software.amazon.awssdk.awscore.endpoint.DualstackEnabledProvider;
import software.amazon.awssdk.awscore.endpoint.FipsEnabledProvider;

/**
 * FIPS and dual-stack endpoints, as the SDK's own clients read them when their builders do not set
 * them (this agent's do not): system property {@code aws.useFipsEndpoint} / {@code aws.useDualstackEndpoint},
 * then AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT, then {@code use_fips_endpoint} /
 * {@code use_dualstack_endpoint} of the profile. {@link NativePuts} resolves its endpoints with them,
 * so a small file goes where the SDK's CRT client sends a large one.
 */
record EndpointVariants(boolean fips, boolean dualStack) {

    /** The settings as the SDK reads them now. */
    static EndpointVariants ofSdkSettings() {
        return new EndpointVariants(FipsEnabledProvider.builder().build().isFipsEnabled().orElse(false),
                DualstackEnabledProvider.builder().build().isDualstackEnabled().orElse(false));
    }
}
