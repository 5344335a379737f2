package io.vfn.scheduler;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.callback.CallbackUrls;
import io.vfn.sdk.impl.TraceContext;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An async call as the cluster keeps it ({@code vfn.calls}: call id → this record as JSON): the request to
 * replay, where it is in its life, and its result. Its JSON is also what {@code GET /calls/{id}} answers,
 * without the request.
 */
public final class CallRecord {

    /**
     * The field with a failed function's own words (exception class and message): kept beside {@code error}, shown only
     * to readers with a credential for the call.
     */
    public static final String CAUSE = "cause";
    /** The field with the call's own log lines: like the {@code cause}, shown only to readers with a credential. */
    public static final String LOGS = "logs";

    /** What a record takes beside its bodies and headers (ids, status, timestamps, the map entry), rounded up. */
    static final long RECORD_OVERHEAD = 1024;

    private final JsonObject json;
    /** The stored JSON this record was read from, for compare-and-set; {@code null} for a new one. */
    private final String stored;

    private CallRecord(JsonObject json, String stored) {
        this.json = json;
        this.stored = stored;
    }

    /**
     * A newly accepted call.
     *
     * @param callId   its id
     * @param function the function
     * @param method   the HTTP method
     * @param path     the sub-path
     * @param query    the raw query
     * @param headers  the caller's headers, with the {@code traceparent} its attempts continue
     * @param body     the body
     * @param callback where to deliver the result, or {@code null}
     * @param now      the accept time (epoch ms)
     * @return the record, status {@code queued}
     */
    public static CallRecord accepted(
            String callId,
            String function,
            String method,
            String path,
            String query,
            MultiMap headers,
            Buffer body,
            String callback,
            long now) {
        JsonObject headerJson = new JsonObject();
        for (Map.Entry<String, String> header : headers) {
            headerJson.put(header.getKey(), header.getValue());
        }
        JsonObject json = new JsonObject()
                // What the store indexes and sums comes first, "callback" even when there is none (null): the store
                // reads those fields by parsing each written record from its start, and stops where it finds them,
                // before the request and its body.
                .put("callId", callId)
                .put("function", function)
                .put("status", CallStatus.QUEUED.label())
                .putNull("callback")
                .put("bytes", 0L)
                .put("attempts", 0)
                .put("createdAt", now)
                .put("updatedAt", now)
                .put(
                        "request",
                        new JsonObject()
                                .put("method", method)
                                .put("path", path)
                                .put("query", query == null ? "" : query)
                                .put("headers", headerJson)
                                .put("body", Base64.getEncoder().encodeToString(body.getBytes())));
        if (headers.contains(TraceContext.TRACEPARENT)) {
            json.put("traceparent", headers.get(TraceContext.TRACEPARENT));
        }
        if (callback != null) {
            json.put(
                    "callback",
                    new JsonObject()
                            .put("url", callback)
                            .put("state", CallbackState.PENDING.label())
                            .put("attempts", 0));
        }
        return new CallRecord(json, null).measured();
    }

    /**
     * @param json a stored record
     * @return the record
     */
    public static CallRecord parse(String json) {
        return new CallRecord(new JsonObject(json), json);
    }

    /** @return the call id */
    public String callId() {
        return json.getString("callId");
    }

    /** @return the function */
    public String function() {
        return json.getString("function");
    }

    /**
     * @return the revision the call was accepted for ({@code name@alias}, {@code name@N}), or empty for the default
     *     route
     */
    public OptionalInt revision() {
        Integer revision = json.getInteger("revision");
        return revision == null ? OptionalInt.empty() : OptionalInt.of(revision);
    }

    /**
     * @param revision the revision every attempt of the call runs
     * @return this
     */
    CallRecord pinnedTo(int revision) {
        json.put("revision", revision);
        return this;
    }

    /** @return the status */
    public CallStatus status() {
        return CallStatus.of(json.getString("status"));
    }

    /** @return attempts made so far */
    public int attempts() {
        return json.getInteger("attempts", 0);
    }

    /** @return when it was accepted (epoch ms) */
    public long createdAt() {
        return json.getLong("createdAt");
    }

    /** @return the node holding it (running, or waiting out its back-off), or {@code null} */
    public String leaseOwner() {
        return json.getString("leaseOwner");
    }

    /** @return when the lease ends (epoch ms), or 0 when there is none */
    public long leaseUntil() {
        return json.getLong("leaseUntil", 0L);
    }

    /**
     * @param now the time of the touch (epoch ms)
     * @return this, changed at that time
     */
    public CallRecord touch(long now) {
        json.put("updatedAt", now);
        return this;
    }

    /**
     * @return the trace context the call was accepted in (the caller's, or one started for it), which its attempts and
     *     its callback continue
     */
    public Optional<TraceContext> trace() {
        String traceparent = json.getString("traceparent");
        return traceparent == null
                ? Optional.empty()
                : TraceContext.parse(
                        traceparent,
                        request().getJsonObject("headers", new JsonObject()).getString(TraceContext.TRACESTATE, ""));
    }

    /** @return the request to replay: method, path, query, headers, body (base64) */
    public JsonObject request() {
        return json.getJsonObject("request");
    }

    /** @return the request's body */
    public Buffer body() {
        return Buffer.buffer(Base64.getDecoder().decode(request().getString("body", "")));
    }

    /** @return the callback's state, or {@code null} when there is no callback */
    public JsonObject callback() {
        return json.getJsonObject("callback");
    }

    /** @return the result ({@code statusCode}, {@code headers}, {@code body} or {@code bodyBase64}), or {@code null} */
    public JsonObject result() {
        return json.getJsonObject("result");
    }

    /** @return the call's own log lines kept so far (see {@code io.vfn.logs.CallLines}), empty before its first attempt ended */
    public JsonArray logs() {
        JsonArray logs = json.getJsonArray(LOGS);
        return logs == null ? new JsonArray() : logs;
    }

    /**
     * @param logs the call's log lines, bounded by the caller
     * @return this
     */
    public CallRecord logs(JsonArray logs) {
        json.put(LOGS, logs);
        return measured();
    }

    /** @return a copy to change; it remembers the stored JSON it came from */
    public CallRecord copy() {
        return new CallRecord(json.copy(), stored);
    }

    /** @return the stored JSON this record was read from, or {@code null} */
    String stored() {
        return stored;
    }

    /**
     * @param status the new status
     * @param now    the time of the change
     * @return this
     */
    public CallRecord status(CallStatus status, long now) {
        json.put("status", status.label()).put("updatedAt", now);
        if (status == CallStatus.RUNNING) {
            json.put("startedAt", now);
            // Every attempt's start, so that the back-off between retries shows.
            JsonArray starts = json.getJsonArray("attemptStarts");
            json.put("attemptStarts", (starts == null ? new JsonArray() : starts).add(now));
        }
        if (status.ended()) {
            json.put("endedAt", now);
            json.remove("leaseOwner");
            json.remove("leaseUntil");
        }
        if (status == CallStatus.SUCCEEDED || status == CallStatus.CANCELLED) {
            // Never run again: the request's body only held memory. A failed or expired call keeps it for a retry.
            json.getJsonObject("request").remove("body");
            json.getJsonObject("request").put("bodyDropped", true);
        }
        return measured();
    }

    /**
     * Takes the call for a node until a time.
     *
     * @param node  the node
     * @param until when the lease ends (epoch ms)
     * @return this
     */
    public CallRecord lease(String node, long until) {
        json.put("leaseOwner", node).put("leaseUntil", until);
        return this;
    }

    /** @return this, with no lease */
    public CallRecord release() {
        json.remove("leaseOwner");
        json.remove("leaseUntil");
        return this;
    }

    /** @return this, one attempt more */
    public CallRecord attempt() {
        json.put("attempts", attempts() + 1);
        return this;
    }

    /**
     * @param notBefore not to run before this time (epoch ms)
     * @return this
     */
    public CallRecord notBefore(long notBefore) {
        json.put("notBefore", notBefore);
        return this;
    }

    /**
     * @param error what went wrong, or {@code null} to clear it (and its cause)
     * @return this
     */
    public CallRecord error(String error) {
        json.remove(CAUSE);
        if (error == null) {
            json.remove("error");
        } else {
            json.put("error", error);
        }
        return this;
    }

    /**
     * @param error what went wrong, for anyone who may read the call
     * @param cause what the function's failure said, for readers with a credential only; empty for the platform's
     *     own failures
     * @return this
     */
    public CallRecord error(String error, Optional<String> cause) {
        error(error);
        cause.ifPresent(text -> json.put(CAUSE, text));
        return this;
    }

    /**
     * @param result the function's answer
     * @return this
     */
    public CallRecord result(JsonObject result) {
        json.put("result", result);
        return measured();
    }

    /**
     * The most {@link #bytes()} counts for a call not run yet whose body is at most {@code maxBody}: the body in
     * base64, request headers (the HTTP server reads at most 8 KiB of them) and the lines of earlier attempts.
     *
     * @param maxBody the largest async body
     * @return the bytes
     */
    public static long largestQueued(long maxBody) {
        return RECORD_OVERHEAD + (maxBody + 2) / 3 * 4 + 8 * 1024 + io.vfn.logs.CallLines.MAX_CHARS;
    }

    /**
     * @return about how many bytes the stored record takes: its bodies, headers and log lines, plus a fixed share for
     *     the rest
     */
    public long bytes() {
        return json.getLong("bytes", 0L);
    }

    private CallRecord measured() {
        JsonObject request = json.getJsonObject("request");
        JsonObject result = json.getJsonObject("result");
        long bytes = RECORD_OVERHEAD
                + textLength(request == null ? null : request.getValue("body"))
                + textLength(request == null ? null : request.getValue("headers"))
                + textLength(result == null ? null : result.getValue("bodyBase64"))
                + textLength(result == null ? null : result.getValue("headers"))
                + textLength(json.getValue(LOGS));
        json.put("bytes", bytes);
        return this;
    }

    /**
     * About the length of a value as JSON text: the lengths of its strings plus a few characters per entry for names,
     * quotes and separators. Counted, not encoded: a record is measured at every change.
     */
    private static long textLength(Object value) {
        if (value instanceof String text) {
            return text.length();
        }
        if (value instanceof JsonObject object) {
            long length = 2;
            for (Map.Entry<String, Object> entry : object) {
                length += entry.getKey().length() + 6 + textLength(entry.getValue());
            }
            return length;
        }
        if (value instanceof JsonArray array) {
            long length = 2;
            for (Object element : array) {
                length += 3 + textLength(element);
            }
            return length;
        }
        return value == null ? 0 : String.valueOf(value).length();
    }

    /**
     * @param callback the callback's new state
     * @return this
     */
    public CallRecord callback(JsonObject callback) {
        json.put("callback", callback);
        return this;
    }

    /**
     * A failed or expired call made new again: queued, no attempts, no result, no log lines, its age counted from now.
     *
     * @param now the time of the redrive
     * @return the changed copy
     */
    public CallRecord redriven(long now) {
        CallRecord again = copy();
        again.json
                .put("status", CallStatus.QUEUED.label())
                .put("attempts", 0)
                .put("createdAt", now)
                .put("updatedAt", now)
                .put("redrivenAt", now);
        for (String field : new String[] {
            "result",
            "error",
            CAUSE,
            "endedAt",
            "startedAt",
            "attemptStarts",
            "notBefore",
            "leaseOwner",
            "leaseUntil",
            LOGS
        }) {
            again.json.remove(field);
        }
        if (again.callback() != null) {
            again.json.put(
                    "callback",
                    again.callback()
                            .copy()
                            .put("state", CallbackState.PENDING.label())
                            .put("attempts", 0));
        }
        return again.measured();
    }

    /** @return the record as stored */
    public String encode() {
        return json.encode();
    }

    /**
     * @return the record as {@code GET /calls/{id}} shows it: everything but the stored request, and the callback
     *     URL without the credentials it may carry; a new document whose nested values are the record's own (change
     *     its fields, not theirs)
     */
    public JsonObject view() {
        JsonObject view = new JsonObject();
        for (Map.Entry<String, Object> field : json) {
            // The request (its body, at times large) is not shown: it is left out, not copied and then dropped.
            if (!field.getKey().equals("request") && !field.getKey().equals("leaseUntil") && field.getValue() != null) {
                view.put(field.getKey(), field.getValue());
            }
        }
        JsonObject callback = view.getJsonObject("callback");
        if (callback != null) {
            view.put("callback", callback.copy().put("url", CallbackUrls.redacted(callback.getString("url"))));
        }
        return view;
    }
}
