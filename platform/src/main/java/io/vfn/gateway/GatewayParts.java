package io.vfn.gateway;

import io.vfn.access.InvokeKeys;
import io.vfn.catalog.Catalog;
import io.vfn.cluster.ClusteredVertx;
import io.vfn.cluster.NodeRegistry;
import io.vfn.cluster.NodeState;
import io.vfn.config.Secrets;
import io.vfn.config.VfnOptions;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.Invoker;
import io.vfn.scheduler.CallSubscriptions;
import io.vfn.scheduler.Calls;
import io.vfn.scheduler.Scheduler;
import io.vfn.secret.SecretStore;

/**
 * What the gateway's routes use of the node, handed over by the launcher (which wires the node): the gateway reaches
 * nothing else.
 *
 * @param options       the node's settings (port, host, limits, tokens)
 * @param secrets       the admin token
 * @param cluster       the cluster, for {@code /system/info}
 * @param metrics       every metric, and the scrape
 * @param state         the node's phase, for {@code /health/ready}
 * @param catalog       the deployed functions
 * @param secretStore   the functions' secrets
 * @param nodes         the cluster's nodes, for {@code /system/nodes}
 * @param invoker       the one way calls reach functions
 * @param calls         the async calls' life
 * @param scheduler     this node's scheduler, for the queue depths the admin routes show
 * @param subscriptions WebSocket subscriptions to calls' ends
 * @param keys          the functions' invoke keys
 */
public record GatewayParts(
        VfnOptions options,
        Secrets secrets,
        ClusteredVertx cluster,
        VfnMetrics metrics,
        NodeState state,
        Catalog catalog,
        SecretStore secretStore,
        NodeRegistry nodes,
        Invoker invoker,
        Calls calls,
        Scheduler scheduler,
        CallSubscriptions subscriptions,
        InvokeKeys keys) {}
