package io.vfn.gateway;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vfn.Failure;

/**
 * In front of a router route that reads a body: reserves the declared body ({@code Content-Length}) among the node's
 * {@link InflightBodies} until the answer is written, and refuses it with {@code 503} before a byte of it is read
 * when it does not fit. A body over the route's own limit goes on to its {@code 413}; a chunked one reserves the
 * route's limit, the most it can be. A platform handler: it runs before the route's body handler reads a byte.
 *
 * <p>A route whose handling holds more than the body itself counts each body byte {@code weight} times: an async
 * call, until its {@code 202}, is held as read, encoded in its record and serialized for the store at once.
 */
final class InflightBodyHandler implements PlatformHandler {

    private final InflightBodies bodies;
    private final long routeLimit;
    private final int weight;

    /**
     * @param bodies     the node's bytes in flight
     * @param routeLimit the largest body the route takes
     * @param weight     how many times each body byte counts
     */
    InflightBodyHandler(InflightBodies bodies, long routeLimit, int weight) {
        this.bodies = bodies;
        this.routeLimit = routeLimit;
        this.weight = weight;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            ctx.fail(Failure.BAD_REQUEST.exception("Content-Length is not a length"));
            return;
        }
        if (length == null && isChunked(ctx)) {
            // Its size is known only once read: it holds the room of the largest body the route takes.
            declared = Math.min(routeLimit, bodies.largest() / weight);
        }
        if (declared > 0 && declared <= routeLimit) {
            long held = declared * weight;
            if (held > bodies.largest()) {
                ctx.response().putHeader("Connection", "close");
                ctx.fail(Failure.BODY_TOO_LARGE.exception("the body is larger than this node may hold in flight ("
                        + bodies.largest() / weight + " bytes on this route)"));
                return;
            }
            if (!bodies.tryReserve(held, held)) {
                // The body stays unread: answer, then close the connection.
                ctx.response().putHeader("Connection", "close");
                ctx.fail(bodies.full());
                return;
            }
            ctx.addEndHandler(v -> bodies.release(held));
        }
        ctx.next();
    }

    private static boolean isChunked(RoutingContext ctx) {
        String encoding = ctx.request().getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }
}
