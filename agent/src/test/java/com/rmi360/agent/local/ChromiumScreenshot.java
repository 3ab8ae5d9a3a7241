package com.rmi360.agent.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.rmi360.testing.RequiredTool;

/**
 * A PNG of a page as headless Chromium renders it (Debian {@code chromium}; fails under CI=true
 * and skips elsewhere when it is missing, through {@link RequiredTool}). Fresh profile, no
 * background networking.
 */
final class ChromiumScreenshot {

    private ChromiumScreenshot() {
    }

    static Path take(URI page, Path png, int width, int height) throws IOException, InterruptedException {
        Path chromium = RequiredTool.require("chromium");
        Path profile = Files.createTempDirectory("chromium-shot");
        Path log = Files.createTempFile("chromium-shot", ".log");
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
            List<String> command = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--virtual-time-budget=3000",
                    "--screenshot=" + png.toAbsolutePath(), page.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("chromium did not finish within 90 s: " + Files.readString(log));
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(png)) {
                throw new IOException("chromium exited " + process.exitValue() + " without " + png + ": " + Files.readString(log));
            }
            return png;
        } finally {
            Files.deleteIfExists(log);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
