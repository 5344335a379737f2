package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.FunctionInfo;

/** How functions look to people: the pieces the list and describe commands share. */
final class Describing {

    private Describing() {}

    /**
     * @param version a jar's content hash
     * @return its first 12 characters, enough to tell versions apart
     */
    static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    /**
     * @param function a function
     * @return {@code ready/nodes}, e.g. {@code 2/2}
     */
    static String readiness(FunctionInfo function) {
        JsonArray nodes = function.nodes();
        long ready = nodes.stream()
                .filter(n -> ((JsonObject) n).getBoolean("ready", false))
                .count();
        return ready + "/" + nodes.size();
    }
}
