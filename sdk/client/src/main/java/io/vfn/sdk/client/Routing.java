package io.vfn.sdk.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which revisions of a function answer which route: the revision in force, the aliases and the split of the default
 * route, as the alias and traffic operations answer them (and as {@link FunctionInfo#json()} holds them too).
 *
 * @param json {@code name}, {@code revision}, {@code aliases}, {@code traffic}, {@code running}
 */
public record Routing(JsonObject json) {

    /** @return the function's name */
    public String name() {
        return json.getString("name", "");
    }

    /** @return the revision in force: the one the default route runs when no split is set */
    public int revision() {
        return json.getInteger("revision", 0);
    }

    /** @return alias → revision */
    public Map<String, Integer> aliases() {
        Map<String, Integer> aliases = new LinkedHashMap<>();
        json.getJsonObject("aliases", new JsonObject())
                .forEach(alias -> aliases.put(alias.getKey(), ((Number) alias.getValue()).intValue()));
        return aliases;
    }

    /** @return revision → percent of the default route; empty when the revision in force takes it all */
    public SortedMap<Integer, Integer> traffic() {
        SortedMap<Integer, Integer> traffic = new TreeMap<>();
        json.getJsonObject("traffic", new JsonObject())
                .forEach(
                        share -> traffic.put(Integer.parseInt(share.getKey()), ((Number) share.getValue()).intValue()));
        return traffic;
    }

    /** @return the revisions that run instances */
    public List<Integer> running() {
        return json.getJsonArray("running", new JsonArray()).stream()
                .map(n -> ((Number) n).intValue())
                .toList();
    }
}
