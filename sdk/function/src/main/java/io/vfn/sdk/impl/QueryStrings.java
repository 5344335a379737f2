package io.vfn.sdk.impl;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;

/** Turns raw query strings into {@link MultiMap}s and back. Internal to vfn. */
public final class QueryStrings {

    private QueryStrings() {}

    /**
     * @param rawQuery a raw query string, or {@code null}
     * @return its parameters
     */
    public static MultiMap decode(String rawQuery) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (Map.Entry<String, List<String>> entry :
                new QueryStringDecoder(rawQuery, false).parameters().entrySet()) {
            params.add(entry.getKey(), entry.getValue());
        }
        return params;
    }

    /**
     * @param params parameters
     * @return the raw query string, empty when there are none
     */
    public static String encode(MultiMap params) {
        if (params.isEmpty()) {
            return "";
        }
        QueryStringEncoder encoder = new QueryStringEncoder("");
        params.forEach(encoder::addParam);
        String uri = encoder.toString();
        return uri.startsWith("?") ? uri.substring(1) : uri;
    }
}
