package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.VfnException;

/**
 * The one place where a failed request becomes a status: every {@code ctx.fail(...)} of the gateway ends here
 * and is answered as {@code application/problem+json}, never with a stack trace.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

    private static final System.Logger LOG = System.getLogger(ProblemHandler.class.getName());

    private ProblemHandler() {}

    /** @return the failure handler */
    public static ProblemHandler create() {
        return new ProblemHandler();
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String callId = ctx.get(CallIds.KEY);
        Throwable cause = ctx.failure();
        if (cause instanceof VfnException failure) {
            Problems.write(ctx.response(), failure.failure(), failure.detail(), callId);
            return;
        }
        Failure failure = switch (ctx.statusCode()) {
            case 400 -> Failure.BAD_REQUEST;
            case 401 -> Failure.UNAUTHORIZED;
            case 404 -> Failure.NOT_FOUND;
            case 405 -> Failure.METHOD_NOT_ALLOWED;
            case 413 -> Failure.BODY_TOO_LARGE;
            case 415 -> Failure.UNSUPPORTED_MEDIA_TYPE;
            default -> Failure.INTERNAL;
        };
        if (failure == Failure.INTERNAL) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "request " + ctx.request().method() + " " + ctx.request().path()
                            + (callId == null ? "" : " (call " + callId + ")") + " failed",
                    cause);
        }
        Problems.write(ctx.response(), failure, detail(failure, ctx), callId);
    }

    private static String detail(Failure failure, RoutingContext ctx) {
        return switch (failure) {
            case BODY_TOO_LARGE -> "the body is larger than this route accepts";
            case NOT_FOUND ->
                "no route for " + ctx.request().method() + " " + ctx.request().path();
            case METHOD_NOT_ALLOWED ->
                ctx.request().method() + " is not allowed on " + ctx.request().path();
            case INTERNAL -> "the platform failed; the node's log has the details";
            default -> failure.title();
        };
    }
}
