package com.rmi360.agent.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoImagesTest {

    @TempDir
    Path tmp;

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void writesRealJpegsOfVariedSizesInNestedFoldersPlusOneNonImage() throws IOException {
        DemoImages.Result result = DemoImages.write(tmp.resolve("a"), 8);
        List<Path> files = files(tmp.resolve("a"));
        assertThat(result.images()).isEqualTo(8);
        assertThat(files).hasSize(9).contains(Path.of("day-1/notes.txt"));
        assertThat(files.stream().map(p -> p.getParent().toString()).distinct().count()).isGreaterThanOrEqualTo(4);
        assertThat(files.stream().map(p -> p.getFileName().toString().replaceAll(".*\\.", "")).distinct())
                .contains("jpg", "JPG", "jpeg", "txt");
        long total = 0;
        for (Path rel : files) {
            if (rel.toString().endsWith("txt")) {
                continue;
            }
            Path file = tmp.resolve("a").resolve(rel);
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as(rel.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(2 * image.getHeight());
            total += Files.size(file);
        }
        assertThat(total).isEqualTo(result.bytes());
        assertThat(files.stream().filter(p -> !p.toString().endsWith("txt")).map(p -> {
            try {
                return Files.size(tmp.resolve("a").resolve(p));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).distinct().count()).isEqualTo(8);
    }

    @Test
    void isDeterministic() throws IOException {
        DemoImages.write(tmp.resolve("a"), 5);
        DemoImages.write(tmp.resolve("b"), 5);
        for (Path rel : files(tmp.resolve("a"))) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(rel))).as(rel.toString())
                    .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(rel)));
        }
    }
}
