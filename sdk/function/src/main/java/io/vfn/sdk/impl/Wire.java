package io.vfn.sdk.impl;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.time.Instant;

/**
 * How a call crosses the event bus: the body is the message's {@link Buffer}; method, path, query, call id and
 * deadline ride as pseudo-headers (names starting with {@code :}, which no HTTP/1.1 header can have) beside
 * the caller's headers. A reply carries {@code :status} the same way. A platform failure is a
 * {@link io.vertx.core.eventbus.ReplyException} whose failure code is the HTTP status (a caller is handed a
 * {@link io.vfn.sdk.FunctionException}).
 *
 * <p>Internal to vfn: shared by the platform, the SDK's {@link CallConsumer} and the test kit.
 */
public final class Wire {

    public static final String METHOD = ":method";
    public static final String PATH = ":path";
    public static final String QUERY = ":query";
    public static final String CALL_ID = ":call-id";
    public static final String DEADLINE = ":deadline";
    public static final String STATUS = ":status";
    /** Reply header: the revision that answered, when the platform told the instance its revision. */
    public static final String REVISION = ":revision";
    /** Reply header: the node whose instance answered, when the platform told the instance its node. */
    public static final String NODE = ":node";

    /**
     * How an instance's refusal starts when its function's in-flight limit on the node is reached (failure code 429):
     * the function never saw the call, so the caller may send it to another node.
     */
    public static final String LIMIT_REACHED = "the function's in-flight limit";

    /** Time a reply needs to come back after the callee gave up at the deadline. */
    private static final long REPLY_GRACE_MS = 1_000;

    private Wire() {}

    /**
     * Delivery options for a call: the pseudo-headers are added to {@code headers}, which the caller hands over
     * (a plain case-insensitive map: HTTP header maps refuse names starting with {@code :}), and a send timeout
     * just past the deadline.
     */
    public static DeliveryOptions requestOptions(
            String method, String path, String rawQuery, String callId, long deadlineMillis, MultiMap headers) {
        headers.add(METHOD, method).add(PATH, path).add(CALL_ID, callId).add(DEADLINE, Long.toString(deadlineMillis));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            headers.add(QUERY, rawQuery);
        }
        long timeout = Math.max(1, deadlineMillis - System.currentTimeMillis()) + REPLY_GRACE_MS;
        return new DeliveryOptions().setHeaders(headers).setSendTimeout(timeout);
    }

    /**
     * Delivery options for a call that goes over the bus after all (to another node); its headers are copied, the
     * call stays as it is, ready to be handed to an instance on this node.
     */
    public static DeliveryOptions requestOptions(WireRequest request) {
        return requestOptions(
                request.method(),
                request.path(),
                request.rawQuery(),
                request.callId(),
                request.deadlineMillis(),
                MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
    }

    /**
     * Reads a call from its message; the pseudo-headers are taken out of the message's headers.
     *
     * @param message        the call's message
     * @param notAfterMillis the latest deadline (epoch ms): the function's timeout from now
     * @return the call, whose deadline is the caller's or {@code notAfterMillis}, whichever comes first
     * @throws RuntimeException when the message is not a call (a body that is no {@link Buffer}, a bad deadline)
     */
    static WireRequest decodeRequest(Message<Buffer> message, long notAfterMillis) {
        MultiMap headers = message.headers();
        String method = headers.get(METHOD);
        String path = headers.get(PATH);
        String query = headers.get(QUERY);
        String callId = headers.get(CALL_ID);
        String deadline = headers.get(DEADLINE);
        headers.remove(METHOD).remove(PATH).remove(QUERY).remove(CALL_ID).remove(DEADLINE);
        Buffer body = message.body() == null ? Buffer.buffer() : message.body();
        return new WireRequest(
                method == null ? "POST" : method,
                path == null ? "/" : path,
                query,
                callId == null ? "" : callId,
                deadline == null ? notAfterMillis : Math.min(Long.parseLong(deadline), notAfterMillis),
                headers,
                body);
    }

    /** The headers of a reply: {@code :status} plus the response's headers. */
    static MultiMap replyHeaders(FunctionResponse response) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.add(STATUS, Integer.toString(response.statusCode()));
        headers.addAll(response.headers());
        return headers;
    }

    /** Reads a function's response from a reply; {@code :status} is taken out of the headers. */
    public static FunctionResponse decodeReply(Message<Buffer> reply) {
        MultiMap headers = reply.headers();
        String status = headers.get(STATUS);
        headers.remove(STATUS);
        headers.remove(REVISION);
        headers.remove(NODE);
        Buffer body = reply.body() == null ? Buffer.buffer() : reply.body();
        return FunctionResponse.of(status == null ? 200 : Integer.parseInt(status), headers, body);
    }

    /** Sends a call to a function and decodes its reply; a failure is a {@link io.vfn.sdk.FunctionException}. */
    public static Future<FunctionResponse> invoke(EventBus bus, String function, FunctionRequest request) {
        return invoke(bus, function, request, request.deadline().toEpochMilli());
    }

    /**
     * Sends a call to a function with a deadline of the caller's (e.g. the function's timeout) and decodes its reply;
     * a failure is a {@link io.vfn.sdk.FunctionException}.
     */
    public static Future<FunctionResponse> invoke(
            EventBus bus, String function, FunctionRequest request, long deadlineMillis) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        // As on a node: the function runs in a span of its own, of the caller's trace or of a new one.
        TraceContext.forCall(headers).writeTo(headers);
        DeliveryOptions options = requestOptions(
                request.method(),
                request.path(),
                QueryStrings.encode(request.query()),
                request.callId(),
                deadlineMillis,
                headers);
        return bus.<Buffer>request(Addresses.function(function), request.body(), options)
                .map(Wire::decodeReply)
                .recover(cause -> Future.failedFuture(Failures.ofCall(function, cause)));
    }

    /** @return the deadline as an instant */
    static Instant instant(long epochMillis) {
        return epochMillis == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochMilli(epochMillis);
    }
}
