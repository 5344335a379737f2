package io.vfn.runtime;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.LocalCallCodec;
import io.vfn.sdk.impl.Wire;

/**
 * Where a call goes: to this node's instances of the function while they have room (its node-local address, so the
 * call never leaves the process and its body is handed over, not copied), else to the function's cluster-wide
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

    private final EventBus bus;
    private final FunctionRuntime runtime;
    private final VfnMetrics metrics;

    /**
     * @param bus     the node's event bus
     * @param runtime the functions running on this node, and their room
     * @param metrics where the choices are counted ({@code vfn_dispatch_total})
     */
    LocalFirst(EventBus bus, FunctionRuntime runtime, VfnMetrics metrics) {
        this.bus = bus;
        this.runtime = runtime;
        this.metrics = metrics;
    }

    /**
     * @param function the function
     * @param body     the call's body (not touched by the caller afterwards)
     * @param options  the call's headers and send timeout
     * @return the instance's reply
     */
    Future<Message<Buffer>> send(String function, Buffer body, DeliveryOptions options) {
        if (!runtime.hasRoom(function)) {
            return cluster(function, body, options, CLUSTER_TRIES);
        }
        metrics.dispatch(function, true);
        DeliveryOptions local = new DeliveryOptions(options).setLocalOnly(true).setCodecName(LocalCallCodec.NAME);
        return bus.<Buffer>request(Addresses.local(function), body, local)
                .recover(cause ->
                        // Full after all (others took the room meanwhile), or just stopping: the function never saw the
                        // call.
                        limitReached(cause) || noHandlers(cause)
                                ? cluster(function, body, options, CLUSTER_TRIES)
                                : Future.failedFuture(cause));
    }

    private Future<Message<Buffer>> cluster(String function, Buffer body, DeliveryOptions options, int tries) {
        metrics.dispatch(function, false);
        return bus.<Buffer>request(Addresses.function(function), body, options)
                .recover(cause -> tries > 1 && limitReached(cause)
                        ? cluster(function, body, options, tries - 1)
                        : Future.failedFuture(cause));
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
