package io.vfn.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example functions bundled in the platform jar ({@code examples/<name>.jar}, specs in
 * {@code examples/examples.json}), deployed into a cluster's empty catalog ({@link CatalogSeeding}).
 */
final class Examples {

    private static final String DIR = "examples/";

    private Examples() {}

    /**
     * Deploys every bundled example; one that is already there with the same jar and spec is left as it is.
     *
     * @param vertx   the node
     * @param catalog the catalog
     * @return completes when all are deployed on this node
     */
    static Future<Void> deploy(Vertx vertx, Catalog catalog) {
        return vertx.executeBlocking(Examples::load, false)
                .compose(examples -> Future.all(examples.entrySet().stream()
                        .map(e -> catalog.put(
                                e.getKey(), e.getValue().spec(), e.getValue().jar(), "examples"))
                        .toList()))
                .mapEmpty();
    }

    private record Example(FunctionSpec spec, byte[] jar) {}

    private static Map<String, Example> load() {
        JsonObject specs = new JsonObject(new String(read(DIR + "examples.json"), StandardCharsets.UTF_8));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String name : specs.fieldNames()) {
            examples.put(
                    name, new Example(FunctionSpec.fromJson(specs.getJsonObject(name)), read(DIR + name + ".jar")));
        }
        return examples;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the platform jar lacks " + resource + ": build it with mvn package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
