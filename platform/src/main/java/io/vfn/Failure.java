package io.vfn;

/**
 * Every failure the platform itself answers, with its HTTP status and problem title. The one place where a
 * kind of failure meets its status.
 */
public enum Failure {
    BAD_REQUEST(400, "Bad request"),
    INVALID_NAME(400, "Invalid function name"),
    INVALID_SPEC(400, "Invalid function spec"),
    CALLBACK_REFUSED(400, "Callback refused"),
    UNAUTHORIZED(401, "Unauthorized"),
    FUNCTION_NOT_FOUND(404, "Function not found"),
    CALL_NOT_FOUND(404, "Call not found"),
    SECRET_NOT_FOUND(404, "Secret not found"),
    REVISION_NOT_FOUND(404, "Revision not found"),
    KEY_NOT_FOUND(404, "Key not found"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    CONFLICT(409, "Conflict"),
    BODY_TOO_LARGE(413, "Body too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    JAR_UNUSABLE(422, "Jar unusable"),
    UNKNOWN_SECRET(422, "Unknown secret"),
    TOO_MANY_CALLS(429, "Too many calls"),
    INTERNAL(500, "Internal error"),
    FUNCTION_FAILED(502, "Function failed"),
    UNAVAILABLE(503, "Service unavailable"),
    TIMEOUT(504, "Function timed out"),
    STORAGE_FAILED(507, "Storage failed");

    private final int status;
    private final String title;

    Failure(int status, String title) {
        this.status = status;
        this.title = title;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the problem's title */
    public String title() {
        return title;
    }

    /** @return the problem's {@code type} URI: a stable id clients can switch on */
    public String type() {
        return "urn:vfn:problem:" + name().toLowerCase().replace('_', '-');
    }

    /**
     * The failure for a status a function runtime answered over the event bus.
     *
     * @param status an HTTP status
     * @return the matching failure, {@link #FUNCTION_FAILED} for anything unknown
     */
    public static Failure ofStatus(int status) {
        return switch (status) {
            case 404 -> FUNCTION_NOT_FOUND;
            case 429 -> TOO_MANY_CALLS;
            case 503 -> UNAVAILABLE;
            case 504 -> TIMEOUT;
            case 413 -> BODY_TOO_LARGE;
            case 400 -> BAD_REQUEST;
            case 409 -> CONFLICT;
            default -> FUNCTION_FAILED;
        };
    }

    /**
     * @param detail what happened, for a human
     * @return a stackless exception of this failure
     */
    public VfnException exception(String detail) {
        return new VfnException(this, detail);
    }
}
