package com.rmi360.agent.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a deterministic set of real JPEGs for the demo: 2:1 "equirectangular" scenes (sky, hills,
 * a track running to the horizon) of varied sizes, in nested capture folders, with the extension
 * spellings found in the field ({@code .jpg}, {@code .JPG}, {@code .jpeg}), plus one non-image file
 * that the upload and the monitor must both ignore. Same count, same bytes, on every run.
 * Shapes only, no text: headless JDKs without fonts can still draw them.
 */
public final class DemoImages {

    /** Widths cycled through (height is half): about 0.1 to 1.5 MB each. */
    private static final int[] WIDTHS = {1024, 1536, 2048, 3072, 1280, 4096, 2560};
    private static final String[] FOLDERS = {
        "day-1/track-07/cam-front", "day-1/track-07/cam-rear", "day-1/yard", "day-2/track-12/cam-front",
        "day-2/track-12/cam-rear/retakes"
    };
    private static final String[] EXTENSIONS = {"jpg", "jpg", "JPG", "jpeg"};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** What was written. */
    public record Result(int images, long bytes, Path root) {
    }

    private DemoImages() {
    }

    /** Writes {@code count} images (and one {@code notes.txt}) under {@code root}. */
    public static Result write(Path root, int count) throws IOException {
        Files.createDirectories(root);
        Random random = new Random(360L);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String folder = FOLDERS[i % FOLDERS.length];
            String name = String.format(Locale.ROOT, "IMG_%04d.%s", i + 1, EXTENSIONS[i % EXTENSIONS.length]);
            Path file = root.resolve(folder).resolve(name);
            Files.createDirectories(file.getParent());
            int width = WIDTHS[i % WIDTHS.length];
            writeJpeg(scene(width, width / 2, random), file);
            bytes += Files.size(file);
        }
        Files.writeString(root.resolve("day-1").resolve("notes.txt"),
                "Not an image: the agent does not upload it and the monitor does not count it.\n",
                StandardCharsets.UTF_8);
        return new Result(count, bytes, root);
    }

    private static BufferedImage scene(int w, int h, Random random) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int horizon = h / 2 + random.nextInt(h / 10) - h / 20;
            float hue = random.nextFloat();
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(0.58f, 0.55f, 0.55f + random.nextFloat() * 0.2f),
                    0, horizon, Color.getHSBColor(0.55f, 0.25f, 0.95f)));
            g.fillRect(0, 0, w, horizon);
            for (int c = 0; c < 6; c++) {
                g.setColor(new Color(255, 255, 255, 120 + random.nextInt(100)));
                int cw = w / 10 + random.nextInt(w / 8);
                g.fillOval(random.nextInt(w), random.nextInt(Math.max(1, horizon / 2)), cw, cw / 3);
            }
            Polygon hills = new Polygon();
            hills.addPoint(0, horizon);
            for (int x = 0; x <= w; x += Math.max(8, w / 64)) {
                hills.addPoint(x, horizon - random.nextInt(h / 8 + 1));
            }
            hills.addPoint(w, horizon);
            g.setColor(Color.getHSBColor(0.30f + hue * 0.1f, 0.45f, 0.45f));
            g.fillPolygon(hills);
            g.setPaint(new GradientPaint(0, horizon, Color.getHSBColor(0.25f, 0.5f, 0.5f),
                    0, h, Color.getHSBColor(0.10f, 0.35f, 0.35f)));
            g.fillRect(0, horizon, w, h - horizon);
            for (int p = 0; p < 400; p++) { // gravel: texture, so sizes differ like real captures
                g.setColor(new Color(random.nextInt(80) + 90, random.nextInt(60) + 80, random.nextInt(50) + 60));
                int size = 2 + random.nextInt(Math.max(3, w / 200));
                g.fillRect(random.nextInt(w), horizon + random.nextInt(Math.max(1, h - horizon)), size, size);
            }
            int vanish = w / 2 + random.nextInt(w / 5) - w / 10;
            g.setColor(new Color(70, 60, 55));
            g.setStroke(new BasicStroke(Math.max(2f, w / 300f)));
            for (int rail = -1; rail <= 1; rail += 2) {
                g.drawLine(vanish, horizon, w / 2 + rail * w / 6, h);
            }
            for (int s = 1; s < 14; s++) { // sleepers, closer together towards the horizon
                double t = Math.pow(s / 14.0, 1.8);
                int y = (int) (horizon + t * (h - horizon));
                int half = (int) (t * w / 5);
                g.fillRect(vanish + (int) ((w / 2 - vanish) * t) - half, y, 2 * half, Math.max(2, (int) (t * h / 60)));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream out = Files.newOutputStream(file); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
