package io.vfn.gateway;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import io.vfn.Failure;

/**
 * In front of a router route that reads a body: reserves the declared body ({@code Content-Length}) among the node's
 * {@link InflightBodies} until the answer is written, and refuses it with {@code 503} before a byte of it is read
 * when it does not fit. A body over the route's own limit goes on to its {@code 413}; a chunked one is bounded by
 * that limit alone. A platform handler: it runs before the route's body handler reads a byte.
 */
final class InflightBodyHandler implements PlatformHandler {

    private final InflightBodies bodies;
    private final long routeLimit;

    /**
     * @param bodies     the node's bytes in flight
     * @param routeLimit the largest body the route takes
     */
    InflightBodyHandler(InflightBodies bodies, long routeLimit) {
        this.bodies = bodies;
        this.routeLimit = routeLimit;
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
        if (declared > 0 && declared <= routeLimit) {
            if (!bodies.tryReserve(declared, declared)) {
                // The body stays unread: answer, then close the connection.
                ctx.response().putHeader("Connection", "close");
                ctx.fail(bodies.full());
                return;
            }
            ctx.addEndHandler(v -> bodies.release(declared));
        }
        ctx.next();
    }
}
