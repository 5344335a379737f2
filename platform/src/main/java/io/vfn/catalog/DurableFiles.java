package io.vfn.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash at any instant leaves either its old or its new content, never a torn one:
 * a temporary file beside it, forced to disk, renamed over it, and the directory forced so that the rename
 * survives too. Blocking.
 */
final class DurableFiles {

    /** Suffix of the temporary files; a crash can leave them behind, so they are removed at start. */
    static final String TMP = ".tmp";

    private DurableFiles() {}

    /**
     * @param target the file to write
     * @param bytes  its new content
     * @param keep   where to move the old content first (kept as a fallback), or {@code null}
     * @throws IOException when the content is not on disk
     */
    static void write(Path target, byte[] bytes, Path keep) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), TMP);
        try {
            try (FileChannel channel =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (keep != null && Files.exists(target)) {
                Files.move(target, keep, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    /** Forces a directory's entries (renames, deletions) to disk; where the platform cannot open a directory, its rename is as durable as it gets. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && System.getProperty("os.name", "").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }
}
