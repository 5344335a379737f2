package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

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
     * @param traffic revision → percent of the default route
     * @return e.g. {@code revision 3 90%, revision 4 10%}
     */
    static String split(SortedMap<Integer, Integer> traffic) {
        if (traffic.isEmpty()) {
            return "none: the revision in force takes every call";
        }
        List<String> parts = new ArrayList<>();
        traffic.forEach((revision, percent) -> parts.add("revision " + revision + " " + percent + "%"));
        return String.join(", ", parts);
    }

    /**
     * @param aliases alias → revision
     * @return e.g. {@code @canary -> 4}, or {@code -}
     */
    static String aliases(Map<String, Integer> aliases) {
        List<String> parts = new ArrayList<>();
        aliases.forEach((alias, revision) -> parts.add("@" + alias + " -> " + revision));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
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
