package io.vfn.sdk.client;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A call to vfn that did not succeed: the platform answered a problem ({@code application/problem+json}), or
 * the gateway could not be reached ({@link #unreachable()}). Carries the problem's fields; {@link #type()} is a
 * stable id to switch on, such as {@code urn:vfn:problem:function-not-found}.
 *
 * <pre>{@code
 * client.invoke("nope", Buffer.buffer()).onFailure(e -> {
 *     if (e instanceof VfnClientException p && p.status() == 404) { ... }
 * });
 * }</pre>
 */
public class VfnClientException extends RuntimeException {

    /** The {@link #type()} of a failure to reach the gateway at all. */
    public static final String UNREACHABLE = "urn:vfn:client:unreachable";
    /** The {@link #type()} of a request the gateway did not answer within {@link VfnClientOptions#requestTimeout()}. */
    public static final String NO_ANSWER = "urn:vfn:client:no-answer";
    /** The {@link #type()} of an answer that was not what the contract promises. */
    public static final String UNEXPECTED = "urn:vfn:client:unexpected-answer";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String callId;

    /**
     * @param type   the problem's type URI
     * @param title  its short, stable title
     * @param status the HTTP status; {@code 0} when there was no answer
     * @param detail what happened, for a human
     * @param callId the call's id, empty when the failure has none
     * @param cause  the underlying failure, empty when there is none
     */
    public VfnClientException(
            String type, String title, int status, String detail, Optional<String> callId, Optional<Throwable> cause) {
        super(title + ": " + detail, cause.orElse(null));
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.callId = callId.orElse(null);
    }

    /**
     * @param problem a problem+json document
     * @param status  the HTTP status it came with (used when the document has none)
     * @return the exception it describes
     */
    public static VfnClientException of(JsonObject problem, int status) {
        return new VfnClientException(
                problem.getString("type", "about:blank"),
                problem.getString("title", "HTTP " + status),
                problem.getInteger("status", status),
                problem.getString("detail", ""),
                Optional.ofNullable(problem.getString("callId")),
                Optional.empty());
    }

    /** @return the problem's type URI */
    public String type() {
        return type;
    }

    /** @return the problem's title, e.g. {@code Function not found} */
    public String title() {
        return title;
    }

    /** @return the HTTP status, {@code 0} when the gateway did not answer */
    public int status() {
        return status;
    }

    /** @return what happened */
    public String detail() {
        return detail;
    }

    /** @return the call's id where the failure belongs to a call */
    public Optional<String> callId() {
        return Optional.ofNullable(callId);
    }

    /** @return whether the gateway could not be reached (no answer at all) */
    public boolean unreachable() {
        return UNREACHABLE.equals(type);
    }
}
