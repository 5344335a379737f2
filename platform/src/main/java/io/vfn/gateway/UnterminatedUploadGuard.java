package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vfn.Failure;

/**
 * Around a body handler that takes file uploads: answers {@code 400} for a multipart body that ends without its
 * closing boundary. Vert.x never completes the last upload of such a body (eclipse-vertx/vert.x#3134), so the body
 * handler would wait for it, and the request hang, until the client gave up. A body handler that has not finished
 * {@link #FINISH_GRACE_MS} after the request ended never will (a complete upload only writes and closes its file).
 * {@link #watch()} goes before the body handler, {@link #bodyRead()} right after it.
 */
final class UnterminatedUploadGuard {

    /** How often a request whose body is still unread is looked at. */
    private static final long CHECK_MS = 250;
    /** How long after the request ended its body handler may take to finish, also on a busy machine. */
    private static final long FINISH_GRACE_MS = 2_000;

    private static final String BODY_READ = "vfn.bodyRead";

    private UnterminatedUploadGuard() {}

    /** @return the handler that watches a multipart request until its body handler finished */
    static PlatformHandler watch() {
        return UnterminatedUploadGuard::watch;
    }

    /** @return the handler that tells the watch the body was read */
    static Handler<RoutingContext> bodyRead() {
        return ctx -> {
            ctx.put(BODY_READ, true);
            ctx.next();
        };
    }

    private static void watch(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
            ctx.next();
            return;
        }
        long[] endedAt = {0};
        long timer = ctx.vertx().setPeriodic(CHECK_MS, id -> {
            if (ctx.get(BODY_READ) != null
                    || ctx.response().ended()
                    || ctx.response().closed()) {
                ctx.vertx().cancelTimer(id);
            } else if (ctx.request().isEnded() && endedAt[0] == 0) {
                endedAt[0] = System.nanoTime();
            } else if (endedAt[0] != 0 && System.nanoTime() - endedAt[0] >= FINISH_GRACE_MS * 1_000_000) {
                ctx.vertx().cancelTimer(id);
                ctx.response().putHeader("Connection", "close");
                ctx.fail(Failure.BAD_REQUEST.exception("the multipart body ends without its closing boundary"));
            }
        });
        ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
        ctx.next();
    }
}
