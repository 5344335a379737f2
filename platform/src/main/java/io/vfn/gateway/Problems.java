package io.vfn.gateway;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;

/** Renders failures as RFC 9457 {@code application/problem+json}. */
public final class Problems {

    /** The media type of every platform error. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    /**
     * @param failure the kind
     * @param detail  what happened
     * @param callId  the call's id, or {@code null}
     * @return the problem document
     */
    public static JsonObject of(Failure failure, String detail, String callId) {
        JsonObject problem = new JsonObject()
                .put("type", failure.type())
                .put("title", failure.title())
                .put("status", failure.status())
                .put("detail", detail);
        if (callId != null) {
            problem.put("callId", callId);
        }
        return problem;
    }

    /**
     * Ends a response with a problem.
     *
     * @param response the response, not yet written
     * @param failure  the kind
     * @param detail   what happened
     * @param callId   the call's id, or {@code null}
     */
    public static void write(HttpServerResponse response, Failure failure, String detail, String callId) {
        if (failure == Failure.TOO_MANY_CALLS || failure == Failure.UNAVAILABLE) {
            response.putHeader("Retry-After", "1");
        }
        if (failure == Failure.UNAUTHORIZED) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"vfn\"");
        }
        response.setStatusCode(failure.status())
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(of(failure, detail, callId).toBuffer());
    }
}
