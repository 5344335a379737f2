package io.vfn.sdk.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * How {@link io.vfn.sdk.FunctionContext#invoke} reaches another function. A vfn node registers its own (the
 * platform's invoker: lookup, deadline, drain accounting, resend), once, before it deploys any function; a
 * function run on a bare Vert.x (a unit test) calls straight over the event bus.
 */
@FunctionalInterface
public interface FunctionCalls extends Shareable {

    /** The local map (one per Vert.x) that holds the node's calls. */
    String MAP = "vfn.function-calls";

    /**
     * @param function the other function's name
     * @param request  the request to hand it
     * @return its response; failed as {@link io.vfn.sdk.FunctionContext#invoke} documents
     */
    Future<FunctionResponse> invoke(String function, FunctionRequest request);

    /**
     * @param vertx the node
     * @param calls how its functions call other functions
     */
    static void register(Vertx vertx, FunctionCalls calls) {
        vertx.sharedData().<String, FunctionCalls>getLocalMap(MAP).put(MAP, calls);
    }

    /**
     * @param vertx the node
     * @return the node's calls, or plain event-bus calls when no node registered any
     */
    static FunctionCalls of(Vertx vertx) {
        FunctionCalls registered =
                vertx.sharedData().<String, FunctionCalls>getLocalMap(MAP).get(MAP);
        return registered != null
                ? registered
                : (function, request) -> Wire.invoke(vertx.eventBus(), function, request);
    }
}
