package io.vfn.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.Answer;
import io.vfn.sdk.impl.LocalInstances;
import io.vfn.sdk.impl.Wire;

/**
 * Where a call goes: to this node's instances of the function while they have room (handed to an instance's context
 * as it is, {@link LocalInstances}: no message, no reply address, nothing copied), else to the function's cluster-wide
 * address, where the event bus takes the nodes that run it in turn. A gateway-only node, or one that does not run
 * the function, sends everything there.
 *
 * <p>Spill-over refuses nothing another node could take: a call refused because the instances it reached were at
 * their in-flight limit (the function never saw it) goes on through the cluster-wide address, whose turn moves to
 * the next node, a few times before the refusal stands.
 */
final class LocalFirst {

    /** Sends through the cluster-wide address for one call: enough for the turn to reach every node of a small cluster. */
    private static final int CLUSTER_TRIES = 4;

    private final Vertx vertx;
    private final LocalInstances instances;
    private final FunctionRuntime runtime;
    private final VfnMetrics metrics;

    /**
     * @param vertx   the node (its event bus carries the calls to other nodes)
     * @param runtime the functions running on this node, and their room
     * @param metrics where the choices are counted ({@code vfn_dispatch_total})
     */
    LocalFirst(Vertx vertx, FunctionRuntime runtime, VfnMetrics metrics) {
        this.vertx = vertx;
        this.instances = LocalInstances.of(vertx);
        this.runtime = runtime;
        this.metrics = metrics;
    }

    /**
     * @param function the function
     * @param call     the call (not touched by the caller afterwards)
     * @return the instance's answer
     */
    Future<Answer> send(String function, OutgoingCall call) {
        if (!runtime.hasRoom(function)) {
            return cluster(function, call, CLUSTER_TRIES);
        }
        metrics.dispatch(function, true);
        return instances
                .call(vertx, function, call.direct())
                .recover(cause ->
                        // Full after all (others took the room meanwhile), or just stopping: the function never saw the
                        // call.
                        limitReached(cause) || noHandlers(cause)
                                ? cluster(function, call, CLUSTER_TRIES)
                                : Future.failedFuture(cause));
    }

    private Future<Answer> cluster(String function, OutgoingCall call, int tries) {
        metrics.dispatch(function, false);
        return request(vertx, Addresses.function(function), call)
                .recover(cause -> tries > 1 && limitReached(cause)
                        ? cluster(function, call, tries - 1)
                        : Future.failedFuture(cause));
    }

    /**
     * Sends a call over the event bus.
     *
     * @param vertx   the node
     * @param address where to
     * @param call    the call
     * @return the instance's answer
     */
    static Future<Answer> request(Vertx vertx, String address, OutgoingCall call) {
        return vertx.eventBus()
                .<Buffer>request(address, call.body(), call.busOptions())
                .map(reply -> new Answer(reply.headers(), reply.body()));
    }

    /** @return whether an instance refused the call, unseen, because its function's in-flight limit on the node was reached */
    static boolean limitReached(Throwable cause) {
        return cause instanceof ReplyException reply
                && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && reply.failureCode() == 429
                && reply.getMessage() != null
                && reply.getMessage().startsWith(Wire.LIMIT_REACHED);
    }

    private static boolean noHandlers(Throwable cause) {
        return cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
    }
}
