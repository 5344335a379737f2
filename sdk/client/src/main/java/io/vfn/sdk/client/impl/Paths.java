package io.vfn.sdk.client.impl;

import java.nio.charset.StandardCharsets;

/** Builds request paths from names and ids the caller gave. */
final class Paths {

    private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

    private Paths() {}

    /**
     * @param name a function's name
     * @return its admin route, {@code /system/functions/{name}}
     */
    static String function(String name) {
        return "/system/functions/" + segment(name);
    }

    /**
     * @param value a function name or call id
     * @return it as one path segment, percent-encoded where needed (the gateway then judges it)
     */
    static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0 && UNRESERVED.indexOf(b) >= 0) {
                out.append((char) b);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
