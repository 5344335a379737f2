package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vfn.Failure;

/** Reads a request's whole body, failing with {@code 413} as soon as it grows past a limit. */
final class BodyReader {

    private BodyReader() {}

    /**
     * @param request  the request, not yet read
     * @param maxBytes the limit
     * @return the body
     */
    static Future<Buffer> read(HttpServerRequest request, long maxBytes) {
        Promise<Buffer> body = Promise.promise();
        Buffer collected = Buffer.buffer();
        request.handler(chunk -> {
            if (collected.length() + chunk.length() > maxBytes) {
                request.pause();
                body.tryFail(Failure.BODY_TOO_LARGE.exception("the body is larger than " + maxBytes + " bytes"));
            } else {
                collected.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(body::tryFail);
        request.endHandler(v -> body.tryComplete(collected));
        return body.future();
    }
}
