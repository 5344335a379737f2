package io.vfn.sdk.client.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.sdk.client.VfnClientException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Turns the gateway's answers into results or {@link VfnClientException}s: the client's one place for that. */
final class Answers {

    private static final String PROBLEM = "application/problem+json";

    private Answers() {}

    /**
     * @param response an answer
     * @return whether it is a platform error (problem+json)
     */
    static boolean isProblem(HttpResponse<Buffer> response) {
        String type = response.getHeader("Content-Type");
        return response.statusCode() >= 400 && type != null && type.startsWith(PROBLEM);
    }

    /**
     * @param response an answer that is a problem, or any other error status
     * @return the exception it describes
     */
    static VfnClientException problem(HttpResponse<Buffer> response) {
        return problem(
                response.statusCode(),
                response.getHeader("Content-Type"),
                response.body(),
                Optional.ofNullable(response.getHeader("X-Call-Id")));
    }

    /**
     * @param status      an error status
     * @param contentType its content type, if any
     * @param body        its body, if any
     * @param callId      the call it answered, if any
     * @return the exception it describes
     */
    static VfnClientException problem(int status, String contentType, Buffer body, Optional<String> callId) {
        if (status >= 400 && contentType != null && contentType.startsWith(PROBLEM) && body != null) {
            try {
                return VfnClientException.of(new JsonObject(body), status);
            } catch (DecodeException | ClassCastException e) {
                // a broken problem document: described below from the status alone
            }
        }
        return unexpected(status, body, callId);
    }

    /**
     * @param response an answer the contract does not foresee here
     * @return an exception that says what came
     */
    static VfnClientException unexpected(HttpResponse<Buffer> response) {
        return unexpected(response.statusCode(), response.body(), Optional.ofNullable(response.getHeader("X-Call-Id")));
    }

    private static VfnClientException unexpected(int status, Buffer content, Optional<String> callId) {
        String body = content == null ? "" : content.toString();
        return new VfnClientException(
                VfnClientException.UNEXPECTED,
                "Unexpected answer",
                status,
                "HTTP " + status + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))),
                callId,
                Optional.empty());
    }

    /**
     * @param response an answer expected to be 2xx with a JSON object
     * @return the object, or the failure the answer describes
     */
    static Future<JsonObject> jsonObject(HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            return Future.failedFuture(problem(response));
        }
        try {
            return Future.succeededFuture(response.bodyAsJsonObject());
        } catch (DecodeException | ClassCastException e) {
            return Future.failedFuture(unexpected(response));
        }
    }

    /**
     * @param failure a failure of the transport (connect, reset, no answer in time), or a {@link VfnClientException}
     * @param gateway the gateway asked
     * @return the failure as a {@link VfnClientException}
     */
    static VfnClientException transport(Throwable failure, String gateway) {
        if (failure instanceof VfnClientException known) {
            return known;
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof TimeoutException) {
            return new VfnClientException(
                    VfnClientException.NO_ANSWER,
                    "No answer in time",
                    0,
                    "the vfn gateway at " + gateway + " did not answer in time: " + reason,
                    Optional.empty(),
                    Optional.of(failure));
        }
        return new VfnClientException(
                VfnClientException.UNREACHABLE,
                "Gateway unreachable",
                0,
                "cannot reach the vfn gateway at " + gateway + ": " + reason,
                Optional.empty(),
                Optional.of(failure));
    }
}
