package io.vfn.sdk.impl;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.MultiMap;

import java.util.List;
import java.util.Map;

/** Turns raw query strings into {@link MultiMap}s and back. */
final class QueryStrings {

    private QueryStrings() {
    }

    static MultiMap decode(String rawQuery) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (Map.Entry<String, List<String>> entry : new QueryStringDecoder(rawQuery, false).parameters().entrySet()) {
            params.add(entry.getKey(), entry.getValue());
        }
        return params;
    }

    static String encode(MultiMap params) {
        if (params.isEmpty()) {
            return "";
        }
        QueryStringEncoder encoder = new QueryStringEncoder("");
        params.forEach(encoder::addParam);
        String uri = encoder.toString();
        return uri.startsWith("?") ? uri.substring(1) : uri;
    }
}
