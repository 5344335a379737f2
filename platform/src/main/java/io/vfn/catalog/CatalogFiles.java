package io.vfn.catalog;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The catalog's records in the data directory ({@code catalog/<name>.json}), so a restart keeps them. Blocking. */
final class CatalogFiles {

    private static final System.Logger LOG = System.getLogger(CatalogFiles.class.getName());

    private final Path dir;

    CatalogFiles(Path dataDir) {
        this.dir = dataDir.resolve("catalog");
    }

    void write(FunctionRecord record) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, record.name(), ".tmp");
            Files.writeString(tmp, record.toJson().encodePrettily(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(record.name() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist function " + record.name(), e);
        }
    }

    List<FunctionRecord> readAll() {
        List<FunctionRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                try {
                    records.add(FunctionRecord.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8))));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping unreadable catalog file " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
