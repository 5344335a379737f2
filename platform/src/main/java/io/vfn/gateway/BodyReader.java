package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vfn.Failure;

/**
 * Reads a request's whole body, failing with {@code 413} as soon as it grows past a limit, and with {@code 503} when
 * the node's {@link InflightBodies} has no room for it. A declared body ({@code Content-Length}) was reserved whole
 * by the caller; a chunked one is reserved chunk by chunk here. Once read, {@link #reserved} stays reserved until the
 * caller releases it when the call ended; on a failure the reader releases it itself.
 */
final class BodyReader {

    private BodyReader() {}

    /**
     * @param request  the request, not yet read
     * @param maxBytes the limit
     * @param bodies   the node's bytes in flight
     * @param declared the {@code Content-Length} already reserved, or {@code -1} when there is none
     * @return the body
     */
    static Future<Buffer> read(HttpServerRequest request, long maxBytes, InflightBodies bodies, long declared) {
        Promise<Buffer> body = Promise.promise();
        // A declared length is reserved, so the buffer may take it at once (no copies while it grows).
        Buffer collected = declared > 0 ? Buffer.buffer((int) declared) : Buffer.buffer();
        request.handler(chunk -> {
            if (body.future().isComplete()) {
                return;
            }
            long after = collected.length() + chunk.length();
            if (after > maxBytes) {
                fail(
                        request,
                        body,
                        bodies,
                        declared,
                        collected,
                        Failure.BODY_TOO_LARGE.exception("the body is larger than " + maxBytes + " bytes"));
            } else if (declared >= 0 && after > declared) {
                fail(
                        request,
                        body,
                        bodies,
                        declared,
                        collected,
                        Failure.BAD_REQUEST.exception("the body is longer than its Content-Length"));
            } else if (declared < 0 && !bodies.tryReserve(chunk.length(), after)) {
                fail(request, body, bodies, declared, collected, bodies.full());
            } else {
                collected.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(cause -> fail(request, body, bodies, declared, collected, cause));
        request.endHandler(v -> body.tryComplete(collected));
        return body.future();
    }

    /**
     * @param declared the {@code Content-Length} given to {@link #read}, or {@code -1}
     * @param body     the body read
     * @return the bytes reserved for it
     */
    static long reserved(long declared, Buffer body) {
        return declared >= 0 ? declared : body.length();
    }

    private static void fail(
            HttpServerRequest request,
            Promise<Buffer> body,
            InflightBodies bodies,
            long declared,
            Buffer collected,
            Throwable cause) {
        if (body.tryFail(cause)) {
            request.pause();
            bodies.release(declared >= 0 ? declared : collected.length());
        }
    }
}
