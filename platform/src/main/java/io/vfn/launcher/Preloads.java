package io.vfn.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;
import io.vfn.catalog.FunctionSpec;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Deploys the jars given by {@code --preload} (file paths or http(s) URLs) at start; each function is named after
 * its file ({@code /jars/resize.jar} → {@code resize}). The same jar again changes nothing.
 */
final class Preloads {

    private Preloads() {
    }

    static Future<Void> deploy(Vertx vertx, Catalog catalog, List<String> jars) {
        if (jars.isEmpty()) {
            return Future.succeededFuture();
        }
        WebClient client = WebClient.create(vertx);
        Future<Void> all = Future.succeededFuture();
        for (String jar : jars) {
            String location = jar.trim();
            String name = FunctionNames.require(nameOf(location));
            all = all.compose(v -> read(vertx, client, location))
                .compose(bytes -> catalog.put(name, FunctionSpec.DEFAULT, bytes.getBytes(), "preload"))
                .mapEmpty();
        }
        return all.onComplete(done -> client.close());
    }

    static String nameOf(String location) {
        String path = location.startsWith("http://") || location.startsWith("https://") ? URI.create(location).getPath() : location;
        String file = Path.of(path).getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    private static Future<Buffer> read(Vertx vertx, WebClient client, String location) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return client.getAbs(location).send().compose(response -> response.statusCode() == 200
                ? Future.succeededFuture(response.bodyAsBuffer())
                : Future.failedFuture("preloading " + location + " answered " + response.statusCode()));
        }
        return vertx.fileSystem().readFile(location);
    }
}
