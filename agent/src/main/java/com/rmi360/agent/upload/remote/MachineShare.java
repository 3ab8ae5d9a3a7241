package com.rmi360.agent.upload.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.rmi360.agent.upload.options.UploadOptions;
import com.rmi360.agent.upload.scan.ImageWalker;
import com.rmi360.agent.upload.scan.KeyMapper;
import com.rmi360.monitor.model.MachineManifest;
import com.rmi360.monitor.model.MachineManifestCodec;
import com.rmi360.monitor.model.StatusKeys;
import com.rmi360.monitor.model.StatusStore;

/**
 * This machine's share of the project: its manifest ({@code status/<slug>/machines/<machine>.json},
 * every image key it holds), written before the first byte and again at the end of the run with
 * the conflicts found. Only this machine writes this key.
 */
public final class MachineShare {

    private final UploadOptions options;
    private final MachineManifest manifest;

    private MachineShare(UploadOptions options, MachineManifest manifest) {
        this.options = options;
        this.manifest = manifest;
    }

    /** Walks the folder for its image keys (a second, cheap walk: names and sizes only). */
    public static MachineShare scan(UploadOptions options) throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>();
        long[] bytes = {0};
        KeyMapper mapper = options.keys();
        Instant at = Instant.now();
        ImageWalker.walk(options.source(), new ImageWalker.Sink() {
            @Override
            public void image(Path file, long size, long mtimeMillis) {
                keys.add(mapper.key(file));
                bytes[0] += size;
            }

            @Override
            public void problem(Path path, String message) {
                // reported by the upload's own walk
            }
        }, () -> false);
        keys.sort(null);
        return new MachineShare(options, new MachineManifest(options.machine(), options.slug(), at, keys.size(), bytes[0],
                keys, List.of()));
    }

    /** Writes the manifest (before the upload). */
    public void write(StatusStore status) {
        status.write(options.bucket(), StatusKeys.manifest(options.slug(), options.machine()),
                MachineManifestCodec.encode(manifest), StatusStore.JSON);
    }

    /** Writes the manifest again with the run's conflicts (none clears earlier ones). */
    public void writeConflicts(StatusStore status, List<String> conflicts) {
        status.write(options.bucket(), StatusKeys.manifest(options.slug(), options.machine()),
                MachineManifestCodec.encode(manifest.withConflicts(conflicts)), StatusStore.JSON);
    }

    public long files() {
        return manifest.files();
    }
}
