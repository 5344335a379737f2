package io.vfn.sdk.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.FunctionRequest;
import java.time.Instant;

/**
 * A call as an instance receives it: read off the event bus, or handed over by a caller on the same node
 * ({@link LocalInstances}); the query is parsed on first use.
 */
public final class WireRequest implements FunctionRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final String callId;
    private final long deadlineMillis;
    private final MultiMap headers;
    private final Buffer body;
    private MultiMap query;

    /**
     * @param method         the HTTP method
     * @param path           the path below the function's
     * @param rawQuery       the query string as sent, {@code null} for none
     * @param callId         the call's id
     * @param deadlineMillis when the caller stops waiting (epoch ms)
     * @param headers        the caller's headers, handed over (the instance may change them)
     * @param body           the body, never {@code null}
     */
    public WireRequest(
            String method,
            String path,
            String rawQuery,
            String callId,
            long deadlineMillis,
            MultiMap headers,
            Buffer body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.callId = callId;
        this.deadlineMillis = deadlineMillis;
        this.headers = headers;
        this.body = body;
    }

    WireRequest(
            String method,
            String path,
            MultiMap query,
            String callId,
            long deadlineMillis,
            MultiMap headers,
            Buffer body) {
        this(method, path, (String) null, callId, deadlineMillis, headers, body);
        this.query = query;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public MultiMap query() {
        if (query == null) {
            query = QueryStrings.decode(rawQuery);
        }
        return query;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public Buffer body() {
        return body;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public Instant deadline() {
        return Wire.instant(deadlineMillis);
    }

    /**
     * @param notAfterMillis the latest deadline (epoch ms): the function's timeout from now
     * @return this call, or the same call with that deadline when it is earlier than the caller's
     */
    WireRequest notAfter(long notAfterMillis) {
        if (deadlineMillis <= notAfterMillis) {
            return this;
        }
        WireRequest sooner = new WireRequest(method, path, rawQuery, callId, notAfterMillis, headers, body);
        sooner.query = query;
        return sooner;
    }

    /** @return the query string as sent (encoded from the parsed query when it came without one), {@code null} for none */
    String rawQuery() {
        return rawQuery != null || query == null ? rawQuery : QueryStrings.encode(query);
    }

    /** @return the deadline in epoch milliseconds, {@link Long#MAX_VALUE} when there is none */
    public long deadlineMillis() {
        return deadlineMillis;
    }
}
