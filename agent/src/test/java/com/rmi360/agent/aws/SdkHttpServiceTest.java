package com.rmi360.agent.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService;

/**
 * The clients the SDK builds on its own, without an HTTP client from {@link AwsClients} (the STS
 * client of an assume-role or web-identity profile in the default credential chain), take the
 * highest-priority synchronous HTTP implementation on the class path: only url-connection is there,
 * the client every one of ours uses. The SDK's STS module brings the Apache 5 client along at
 * runtime scope; agent/pom.xml excludes it.
 */
class SdkHttpServiceTest {

    @Test
    void urlConnectionIsTheOnlySynchronousHttpImplementation() {
        List<String> found = ServiceLoader.load(SdkHttpService.class).stream()
                .map(p -> p.type().getName()).toList();
        assertEquals(List.of(UrlConnectionSdkHttpService.class.getName()), found);
    }
}
