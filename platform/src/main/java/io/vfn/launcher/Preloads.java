package io.vfn.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;
import io.vfn.catalog.FunctionSpec;
import io.vfn.catalog.JarStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Deploys the jars given by {@code --preload} (file paths or http(s) URLs, each optionally pinned with
 * {@code #sha256=<hex>}) at start; each function is named after its file ({@code /jars/resize.jar} → {@code resize}).
 * Only functions the cluster has never known are deployed: a restart neither resets a changed spec nor brings back
 * a deleted function. A plain {@code http://} jar needs a pin: it runs code, and nothing else vouches for it.
 */
final class Preloads {

    private static final String PIN = "#sha256=";

    private Preloads() {}

    static Future<Void> deploy(Vertx vertx, Catalog catalog, List<String> jars) {
        if (jars.isEmpty()) {
            return Future.succeededFuture();
        }
        WebClient client = WebClient.create(vertx);
        Future<Void> all = Future.succeededFuture();
        for (String jar : jars) {
            Preload preload;
            try {
                preload = Preload.parse(jar.trim());
            } catch (IllegalArgumentException e) {
                client.close();
                return Future.failedFuture(e);
            }
            all = all.compose(v -> catalog.named(preload.name()))
                    .compose(known -> known
                            ? Future.succeededFuture()
                            : read(vertx, client, preload.location())
                                    .map(bytes -> preload.verified(bytes.getBytes()))
                                    .compose(bytes ->
                                            catalog.put(preload.name(), FunctionSpec.DEFAULT, bytes, "preload"))
                                    .mapEmpty());
        }
        return all.onComplete(done -> client.close());
    }

    /**
     * One {@code --preload} entry.
     *
     * @param name     the function's name, from the file's
     * @param location the path or URL
     * @param sha256   the pinned hash, lower-case hex
     */
    record Preload(String name, String location, Optional<String> sha256) {

        static Preload parse(String entry) {
            int pin = entry.toLowerCase(Locale.ROOT).lastIndexOf(PIN);
            String location = pin < 0 ? entry : entry.substring(0, pin);
            Optional<String> sha256 = pin < 0
                    ? Optional.empty()
                    : Optional.of(entry.substring(pin + PIN.length()).toLowerCase(Locale.ROOT));
            if (sha256.isPresent() && !sha256.get().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("--preload " + entry + ": sha256= takes 64 hex digits");
            }
            if (location.toLowerCase(Locale.ROOT).startsWith("http://") && sha256.isEmpty()) {
                throw new IllegalArgumentException(
                        "--preload " + location + ": a plain http:// jar needs a pin (" + PIN + "<hex>) or https://");
            }
            return new Preload(FunctionNames.require(nameOf(location)), location, sha256);
        }

        byte[] verified(byte[] jar) {
            if (sha256.isPresent() && !sha256.get().equals(JarStore.versionOf(jar))) {
                throw new IllegalArgumentException("--preload " + location + ": its SHA-256 is "
                        + JarStore.versionOf(jar) + ", not the pinned " + sha256.get());
            }
            return jar;
        }
    }

    static String nameOf(String location) {
        String path = isUrl(location) ? URI.create(location).getPath() : location;
        String file = Path.of(path).getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    private static boolean isUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static Future<Buffer> read(Vertx vertx, WebClient client, String location) {
        if (isUrl(location)) {
            return client.getAbs(location)
                    .send()
                    .compose(response -> response.statusCode() == 200
                            ? Future.succeededFuture(response.bodyAsBuffer())
                            : Future.failedFuture("preloading " + location + " answered " + response.statusCode()));
        }
        return vertx.fileSystem().readFile(location);
    }
}
