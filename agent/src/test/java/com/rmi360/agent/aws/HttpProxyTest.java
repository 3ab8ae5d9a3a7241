package com.rmi360.agent.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.rmi360.agent.error.ConfigException;

import software.amazon.awssdk.regions.Region;

class HttpProxyTest {

    static final String CANARY = "canary-Pr0xy-pw-7731";

    @Test
    void flagBeatsConfigBeatsEnvironment() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://env:1111");
        assertThat(HttpProxy.resolve("flag:2222", Optional.of("http://cfg:3333"), env, "https").display())
                .isEqualTo("http://flag:2222");
        assertThat(HttpProxy.resolve(null, Optional.of("http://cfg:3333"), env, "https").display()).isEqualTo("http://cfg:3333");
        HttpProxy fromEnv = HttpProxy.resolve(null, Optional.empty(), env, "https");
        assertThat(fromEnv.display()).isEqualTo("http://env:1111");
        assertThat(fromEnv.source()).isEqualTo("HTTPS_PROXY");
    }

    @Test
    void environmentVariableFollowsTheEndpointSchemeLowerCaseFirst() {
        Map<String, String> env = Map.of("http_proxy", "http://lower:1", "HTTP_PROXY", "http://upper:2",
                "HTTPS_PROXY", "http://secure:3");
        assertThat(HttpProxy.resolve(null, Optional.empty(), env, "http").display()).isEqualTo("http://lower:1");
        assertThat(HttpProxy.resolve(null, Optional.empty(), env, "https").display()).isEqualTo("http://secure:3");
        assertThat(HttpProxy.resolve(null, Optional.empty(), Map.of("HTTP_PROXY", "http://p:1"), "https").isSet())
                .as("like curl and the AWS CLI, HTTP_PROXY is not used for https").isFalse();
    }

    @Test
    void noProxyMatchesHostsAndSuffixes() {
        HttpProxy proxy = HttpProxy.resolve("http://p:8080", Optional.empty(),
                Map.of("NO_PROXY", "localhost, .internal.example,*.corp.example:443,10.9.8.7"), "https");
        assertThat(proxy.appliesTo("s3.us-east-1.amazonaws.com")).isTrue();
        assertThat(proxy.appliesTo("localhost")).isFalse();
        assertThat(proxy.appliesTo("s3.internal.example")).isFalse();
        assertThat(proxy.appliesTo("internal.example")).isFalse();
        assertThat(proxy.appliesTo("a.corp.example")).isFalse();
        assertThat(proxy.appliesTo("10.9.8.7")).isFalse();
        assertThat(proxy.appliesTo("notinternal.example")).isTrue();
        assertThat(HttpProxy.resolve("http://p:8080", Optional.empty(), Map.of("no_proxy", "*"), "https")
                .appliesTo("anything")).isFalse();
    }

    @Test
    void contextPicksTheHostOfEachClient() {
        HttpProxy proxy = HttpProxy.resolve("http://p:8080", Optional.empty(), Map.of("NO_PROXY", "sts.eu-west-1.amazonaws.com"), "https");
        AwsContext aws = new AwsContext(Region.EU_WEST_1, Optional.empty(), null, "t", proxy);
        assertThat(aws.proxyFor("s3")).contains(proxy);
        assertThat(aws.proxyFor("sts")).isEmpty();
        AwsContext local = new AwsContext(Region.EU_WEST_1, Optional.of(URI.create("http://sts.eu-west-1.amazonaws.com:9")),
                null, "t", proxy);
        assertThat(local.proxyFor("s3")).isEmpty();
    }

    @Test
    void credentialsAreParsedButNeverShown() {
        HttpProxy proxy = HttpProxy.resolve("http://office%5Cuser:" + CANARY + "@proxy.example:3128", Optional.empty(),
                Map.of(), "https");
        assertThat(proxy.username()).isEqualTo("office\\user");
        assertThat(proxy.password()).isEqualTo(CANARY);
        assertThat(proxy.toString()).isEqualTo("http://proxy.example:3128 (--proxy)").doesNotContain(CANARY);
        assertThat(new AwsOverrides(null, null, null, "http://u:" + CANARY + "@h:1").toString()).doesNotContain(CANARY);
    }

    @Test
    void badProxyIsOneLineWithoutTheUrl() {
        assertThatThrownBy(() -> HttpProxy.resolve("http://u:" + CANARY + "@bad host:1", Optional.empty(), Map.of(), "https"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--proxy is not a proxy URL (expected http://[user:password@]host:port)");
        assertThatThrownBy(() -> HttpProxy.resolve(null, Optional.of("socks5://u:" + CANARY + "@h:1"), Map.of(), "https"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("aws.proxy: only http:// proxies are supported, not socks5://");
    }
}
