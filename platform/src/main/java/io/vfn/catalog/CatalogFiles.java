package io.vfn.catalog;

import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The catalog's records in the data directory ({@code catalog/<name>.json}), so a restart keeps them. Each is
 * written durably ({@link DurableFiles}); the record it replaces stays as {@code <name>.json.prev}, read when the
 * current one is unreadable (a disk that lost what it had acknowledged). Blocking.
 */
final class CatalogFiles {

    private static final System.Logger LOG = System.getLogger(CatalogFiles.class.getName());
    private static final String CURRENT = ".json";
    private static final String PREVIOUS = ".json.prev";

    private final Path dir;

    CatalogFiles(Path dataDir) {
        this.dir = dataDir.resolve("catalog");
    }

    /**
     * @param record the record to keep
     * @throws io.vfn.VfnException {@code 507} when it could not be written: nothing was changed
     */
    void write(FunctionRecord record) {
        Path current = dir.resolve(record.name() + CURRENT);
        byte[] json = record.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8);
        try {
            // The change made here is written before the cluster sees it, then arrives again: keep .prev the one
            // before.
            if (Files.exists(current) && java.util.Arrays.equals(Files.readAllBytes(current), json)) {
                return;
            }
            DurableFiles.write(current, json, dir.resolve(record.name() + PREVIOUS));
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot persist function " + record.name() + ": " + e);
            throw Failure.STORAGE_FAILED.exception(
                    "function " + record.name() + " could not be written to this node's data directory");
        }
    }

    /** @return every readable record; torn temporary files a crash left are removed */
    List<FunctionRecord> readAll() {
        List<FunctionRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(DurableFiles.TMP)) {
                    Files.deleteIfExists(file);
                } else if (fileName.endsWith(PREVIOUS)) {
                    names.add(fileName.substring(0, fileName.length() - PREVIOUS.length()));
                } else if (fileName.endsWith(CURRENT)) {
                    names.add(fileName.substring(0, fileName.length() - CURRENT.length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : names) {
            read(dir.resolve(name + CURRENT))
                    .or(() -> read(dir.resolve(name + PREVIOUS)))
                    .ifPresent(records::add);
        }
        return records;
    }

    private static Optional<FunctionRecord> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(FunctionRecord.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping unreadable catalog file " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
