package io.vfn.sdk.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.FunctionRequest;
import java.time.Instant;

/** A {@link FunctionRequest} read off the event bus; the query is parsed on first use. */
final class WireRequest implements FunctionRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final String callId;
    private final long deadlineMillis;
    private final MultiMap headers;
    private final Buffer body;
    private MultiMap query;

    WireRequest(
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

    /** @return the deadline in epoch milliseconds, {@link Long#MAX_VALUE} when there is none */
    long deadlineMillis() {
        return deadlineMillis;
    }
}
