package io.vfn.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.impl.Wire;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function's answer, whatever its status (a function may answer {@code 4xx} or {@code 5xx} itself; only a
 * failure of the platform or a function that threw fails the {@link Invoker}'s future).
 *
 * @param status  the HTTP status the function answered
 * @param headers the function's headers, without the platform's {@code :status}
 * @param body    the body, never {@code null}
 */
public record Reply(int status, MultiMap headers, Buffer body) {

    /** @return the function's own headers, without the platform's ({@code :revision}, {@code :node}) */
    public MultiMap functionHeaders() {
        MultiMap own = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().charAt(0) != ':') {
                own.add(header.getKey(), header.getValue());
            }
        }
        return own;
    }

    /** @return the node whose instance answered (the {@code :node} header it set), when it said */
    public Optional<String> node() {
        return Optional.ofNullable(headers.get(Wire.NODE));
    }

    /** @return the revision that answered (the {@code :revision} header its instance set), when it said */
    public OptionalInt revision() {
        String revision = headers.get(Wire.REVISION);
        try {
            return revision == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(revision));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
