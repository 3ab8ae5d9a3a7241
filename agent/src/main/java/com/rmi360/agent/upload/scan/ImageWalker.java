package com.rmi360.agent.upload.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;

/**
 * A lazy, depth-first walk of the image tree: each JPEG is handed to the sink as it is found (the
 * sink may block, which is how the upload pipeline applies back-pressure), so nothing per file is
 * kept. Symbolic links are followed; a loop, an unreadable folder or a file that vanished are
 * reported to the sink as problems and the walk goes on. Folders named {@value #STATE_DIR} (the
 * agent's own journal and logs) are skipped.
 */
public final class ImageWalker {

    /** The agent's state folder inside the source folder. */
    public static final String STATE_DIR = ".rmi360";

    /** Receives images and problems, in walk order. */
    public interface Sink {
        void image(Path file, long size, long mtimeMillis) throws InterruptedException;

        void problem(Path path, String message);
    }

    private ImageWalker() {
    }

    /** Walks {@code root}; stops early when {@code stop} turns true. */
    public static void walk(Path root, Sink sink, BooleanSupplier stop) throws IOException, InterruptedException {
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (stop.getAsBoolean()) {
                        return FileVisitResult.TERMINATE;
                    }
                    return dir.getFileName() != null && dir.getFileName().toString().equals(STATE_DIR) && !dir.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (stop.getAsBoolean()) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isSymbolicLink() && KeyMapper.isImage(file)) {
                        sink.problem(file, "broken symbolic link");
                    } else if (attrs.isRegularFile() && KeyMapper.isImage(file)) {
                        try {
                            sink.image(file, attrs.size(), attrs.lastModifiedTime().toMillis());
                        } catch (InterruptedException e) {
                            throw new WalkInterrupted(e);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        sink.problem(file, "symbolic link loop, not followed");
                    } else if (e instanceof AccessDeniedException) {
                        sink.problem(file, "permission denied");
                    } else if (e instanceof NoSuchFileException) {
                        if (KeyMapper.isImage(file)) {
                            sink.problem(file, "vanished while scanning (or a broken link)");
                        }
                    } else {
                        sink.problem(file, "cannot read: " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (WalkInterrupted e) {
            throw (InterruptedException) e.getCause();
        }
    }

    private static final class WalkInterrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WalkInterrupted(InterruptedException cause) {
            super(cause);
        }
    }
}
