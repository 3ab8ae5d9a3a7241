package com.rmi360.agent.upload.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class KeyMapperTest {

    @Test
    void keyIsPrefixPlusRelativePathWithForwardSlashes() {
        KeyMapper keys = new KeyMapper(Path.of("/data/proj"), "/ABC25101/");
        assertThat(keys.key(Path.of("/data/proj/cam1/é 1.jpg"))).isEqualTo("ABC25101/cam1/é 1.jpg");
        assertThat(keys.listPrefix()).isEqualTo("ABC25101/");
        KeyMapper root = new KeyMapper(Path.of("/data/proj"), "");
        assertThat(root.key(Path.of("/data/proj/a.jpg"))).isEqualTo("a.jpg");
        assertThat(root.listPrefix()).isEmpty();
    }

    @Test
    void onlyJpgAndJpegInAnyCaseAreImages() {
        assertThat(KeyMapper.isImage(Path.of("a.JPG"))).isTrue();
        assertThat(KeyMapper.isImage(Path.of("a.jpeg"))).isTrue();
        assertThat(KeyMapper.isImage(Path.of("a.Jpeg"))).isTrue();
        assertThat(KeyMapper.isImage(Path.of("a.png"))).isFalse();
        assertThat(KeyMapper.isImage(Path.of(".jpg"))).isFalse();
        assertThat(KeyMapper.isImage(Path.of("jpg"))).isFalse();
    }
}
