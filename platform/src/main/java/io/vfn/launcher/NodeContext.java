package io.vfn.launcher;

import io.vertx.core.Vertx;
import io.vfn.access.InvokeKeys;
import io.vfn.catalog.Catalog;
import io.vfn.cluster.ClusteredVertx;
import io.vfn.cluster.NodeRegistry;
import io.vfn.cluster.NodeState;
import io.vfn.config.Secrets;
import io.vfn.config.VfnOptions;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.FunctionRuntime;
import io.vfn.runtime.Invoker;
import io.vfn.scheduler.CallSubscriptions;
import io.vfn.scheduler.Calls;
import io.vfn.scheduler.Scheduler;
import io.vfn.secret.SecretStore;

/**
 * The parts of a running node that its verticles share.
 *
 * @param options the node's settings
 * @param secrets admin token and callback secret
 * @param cluster the clustered Vert.x and its cluster manager
 * @param metrics every metric
 * @param state   the node's phase
 * @param catalog the deployed functions
 * @param secretStore the functions' secrets, sealed
 * @param runtime the functions running here
 * @param invoker the one way calls reach functions
 * @param nodes   the cluster's nodes
 * @param async   the async half: calls, intake, scheduler and WebSocket subscriptions
 * @param keys    the functions' invoke keys
 */
public record NodeContext(
        VfnOptions options,
        Secrets secrets,
        ClusteredVertx cluster,
        VfnMetrics metrics,
        NodeState state,
        Catalog catalog,
        SecretStore secretStore,
        FunctionRuntime runtime,
        Invoker invoker,
        NodeRegistry nodes,
        AsyncParts async,
        InvokeKeys keys) {

    /**
     * The parts of a node that run async calls.
     *
     * @param calls         the calls' life: accept, find, list, cancel, redrive
     * @param scheduler     takes and runs them
     * @param subscriptions WebSocket subscriptions held on this node
     */
    public record AsyncParts(Calls calls, Scheduler scheduler, CallSubscriptions subscriptions) {}

    /** @return the node's Vert.x */
    public Vertx vertx() {
        return cluster.vertx();
    }
}
