package com.rmi360.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

/** Checks on the request heads a {@link FaultProxy} logs ({@link FaultProxy#requestHeads}). */
public final class RequestHeads {

    private RequestHeads() {
    }

    /** The heads of PUT requests, in order. */
    public static List<String> puts(List<String> heads) {
        return heads.stream().filter(h -> h.startsWith("PUT ")).toList();
    }

    /**
     * {@code head} sends one plain body of {@code bytes} bytes with its CRC32 in a header: no aws-chunked
     * framing, no checksum trailer.
     */
    public static void assertPlainBodyWithChecksum(String head, int bytes) {
        assertThat(head).as(head)
                .containsPattern(Pattern.compile("(?im)^Content-Length: " + bytes + "\r?$"))
                .containsIgnoringCase("x-amz-checksum-crc32: ")
                .doesNotContainIgnoringCase("aws-chunked")
                .doesNotContainIgnoringCase("x-amz-trailer")
                .doesNotContainIgnoringCase("x-amz-decoded-content-length");
    }
}
