package io.vfn.sdk.impl;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.FunctionRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Builds requests for {@link io.vfn.sdk.FunctionContext#invoke} and for tests. */
public final class RequestBuilderImpl implements FunctionRequest.Builder {

    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    private String method = "POST";
    private String path = "/";
    private final MultiMap query = MultiMap.caseInsensitiveMultiMap();
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private Buffer body = Buffer.buffer();
    private String callId;
    private Instant deadline;

    @Override
    public FunctionRequest.Builder method(String method) {
        this.method = Objects.requireNonNull(method, "method");
        return this;
    }

    @Override
    public FunctionRequest.Builder path(String path) {
        this.path = Objects.requireNonNull(path, "path");
        return this;
    }

    @Override
    public FunctionRequest.Builder query(String name, String value) {
        query.add(name, value);
        return this;
    }

    @Override
    public FunctionRequest.Builder header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    @Override
    public FunctionRequest.Builder body(Buffer body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    @Override
    public FunctionRequest.Builder body(String body) {
        return body(Buffer.buffer(Objects.requireNonNull(body, "body")));
    }

    @Override
    public FunctionRequest.Builder callId(String callId) {
        this.callId = Objects.requireNonNull(callId, "callId");
        return this;
    }

    @Override
    public FunctionRequest.Builder deadline(Instant deadline) {
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        return this;
    }

    @Override
    public FunctionRequest build() {
        long deadlineMillis =
                deadline == null ? System.currentTimeMillis() + DEFAULT_TIMEOUT_MS : deadline.toEpochMilli();
        return new WireRequest(
                method,
                path,
                query,
                callId == null ? UUID.randomUUID().toString() : callId,
                deadlineMillis,
                headers,
                body);
    }
}
